/**
 * The programs of the live demo ({@code respawn demo}), each a process of its own:
 * {@link io.respawn.demo.EventHeap} (a tuple space serving put/get over TCP, which the
 * others depend on), {@link io.respawn.demo.HeapClient} (a service or application that
 * works through the event heap and gives up when it loses it), {@link io.respawn.demo.Leaker}
 * (really leaks memory until the RSS rule catches it) and {@link io.respawn.demo.Hanger}
 * (hangs now and then: stops beating and answering). All send heartbeats through the
 * shipped client when the agent started them.
 */
package io.respawn.demo;
