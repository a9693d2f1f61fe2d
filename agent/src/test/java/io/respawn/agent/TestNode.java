package io.respawn.agent;

import io.respawn.facts.map.MapException;
import io.respawn.facts.map.RestartMap;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A node name of its own per test, so that the test's processes can be told from any
 * other (they carry RESPAWN_NODE=name), and restart maps written for it.
 */
public final class TestNode {
    private final String name;

    public TestNode() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        this.name = "t" + HexFormat.of().formatHex(random);
    }

    public String name() {
        return name;
    }

    /** The environment entry every process started for this node carries. */
    public String marker() {
        return "RESPAWN_NODE=" + name;
    }

    /**
     * A restart map from YAML in which {@code @NODE@} stands for this node's name; the
     * defaults give a short stop grace unless the map says otherwise.
     */
    public RestartMap map(String yaml) {
        try {
            return RestartMap.parse(yaml.replace("@NODE@", name), "test-map.yaml");
        } catch (MapException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Kills whatever a test left behind on this node. */
    public int killLeftovers() {
        return LiveProcesses.killAll(marker());
    }
}
