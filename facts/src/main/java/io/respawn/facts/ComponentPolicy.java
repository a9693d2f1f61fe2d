package io.respawn.facts;

/**
 * The thresholds the rules apply to one component, taken from the restart map (with
 * defaults inherited down the tree). A value of 0 switches the check off.
 *
 * @param group              the smallest restart group that contains the component
 * @param heartbeatTimeoutMs silence longer than this is a failure (0: sends no heartbeats)
 * @param startupGraceMs     time after a start to send the first heartbeat; a component
 *                           with neither heartbeat nor probe is ready once it has passed
 * @param rssLimitBytes      resident-memory limit
 * @param rssSamples         consecutive samples over {@code rssLimitBytes} that make a failure
 * @param cpuLimitPercent    CPU limit, 100 = one core
 * @param cpuForMs           how long CPU must stay over the limit to make a failure
 * @param probeFailures      consecutive FAIL results that make a failure
 * @param probeErrors        consecutive ERROR results that raise an alert
 * @param probes             how many probes the component declares
 */
public record ComponentPolicy(ComponentId component, GroupId group, String node, RestartType restartType,
                              long heartbeatTimeoutMs, long startupGraceMs, long rssLimitBytes, int rssSamples,
                              double cpuLimitPercent, long cpuForMs, int probeFailures, int probeErrors,
                              int probes) {
    public ComponentPolicy {
        Require.notNull("component-policy.component", component);
        Require.notNull("component-policy.group", group);
        Require.notBlank("component-policy.node", node);
        Require.notNull("component-policy.restartType", restartType);
        Require.notNegative("component-policy.heartbeatTimeoutMs", heartbeatTimeoutMs);
        Require.notNegative("component-policy.startupGraceMs", startupGraceMs);
        Require.notNegative("component-policy.rssLimitBytes", rssLimitBytes);
        Require.notNegative("component-policy.rssSamples", rssSamples);
        Require.notNegative("component-policy.cpuLimitPercent", cpuLimitPercent);
        Require.notNegative("component-policy.cpuForMs", cpuForMs);
        Require.notNegative("component-policy.probeFailures", probeFailures);
        Require.notNegative("component-policy.probeErrors", probeErrors);
        Require.notNegative("component-policy.probes", probes);
    }
}
