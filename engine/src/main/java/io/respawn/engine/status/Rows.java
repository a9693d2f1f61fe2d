package io.respawn.engine.status;

import io.respawn.engine.status.Views.FailureView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The board's mutable rows, touched only under the board's lock. */
final class Rows {
    private Rows() {
    }

    static final class ComponentRow {
        final String name;
        String group;
        ComponentState base = ComponentState.STOPPED;
        String node = "";
        long pid;
        Instant startedAt;
        int restarts;
        FailureView lastFailure;
        String lastExit = "";
        /** A restart decided for this component's failure that has not started it yet. */
        String pendingRestart;
        String pendingGroup;
        Instant pendingSince;

        ComponentRow(String name, String group) {
            this.name = name;
            this.group = group;
        }
    }

    static final class GroupRow {
        final String name;
        String parent;
        final List<String> groups = new ArrayList<>();
        final List<String> components = new ArrayList<>();
        boolean paused;
        boolean givenUp;
        int restarts;

        GroupRow(String name) {
            this.name = name;
        }
    }

    static final class GiveUpRow {
        final String decision;
        final Instant at;
        final String group;
        final String component;
        final String reason;
        final String rule;
        String acknowledgedBy;
        Instant acknowledgedAt;

        GiveUpRow(String decision, Instant at, String group, String component, String reason, String rule) {
            this.decision = decision;
            this.at = at;
            this.group = group;
            this.component = component;
            this.reason = reason;
            this.rule = rule;
        }

        Views.GiveUpView view() {
            return new Views.GiveUpView(decision, at, group, component, reason, rule, acknowledgedAt == null,
                    acknowledgedBy, acknowledgedAt);
        }
    }
}
