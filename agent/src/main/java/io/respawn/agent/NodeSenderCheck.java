package io.respawn.agent;

import io.respawn.agent.heartbeat.Admission;
import io.respawn.agent.heartbeat.RejectReason;
import io.respawn.agent.heartbeat.SenderCheck;
import io.respawn.agent.process.RunningProcess;
import io.respawn.agent.process.Supervisor;
import io.respawn.facts.ComponentId;
import java.util.Optional;

/** Answers the heartbeat receiver from the supervisor: the current process's token and tree. */
final class NodeSenderCheck implements SenderCheck {
    private final Supervisor supervisor;

    NodeSenderCheck(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public boolean knows(ComponentId component) {
        return supervisor.declares(component);
    }

    @Override
    public Admission admit(ComponentId component, String token) {
        Optional<RunningProcess> process = supervisor.running(component);
        if (process.isEmpty()) {
            return new Admission.Rejected(RejectReason.NOT_RUNNING);
        }
        if (!process.get().tokenMatches(token)) {
            return new Admission.Rejected(RejectReason.WRONG_TOKEN);
        }
        return new Admission.Admitted(process.get().pid(), process.get()::hasMember);
    }
}
