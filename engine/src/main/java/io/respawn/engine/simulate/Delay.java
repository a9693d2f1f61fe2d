package io.respawn.engine.simulate;

import io.respawn.facts.map.Durations;
import java.time.Duration;
import java.util.Random;

/** How long something takes in a simulation: a fixed time or a draw from a distribution. */
public sealed interface Delay {
    /** One draw, in milliseconds (at least 0). */
    long sampleMillis(Random random);

    /** The mean, in milliseconds. */
    double meanMillis();

    /** As written in a spec: {@code 2s}, {@code {uniform: [1s, 3s]}}, {@code {exponential: 2s}}. */
    String describe();

    /** Always {@code time}. */
    record Fixed(Duration time) implements Delay {
        @Override
        public long sampleMillis(Random random) {
            return time.toMillis();
        }

        @Override
        public double meanMillis() {
            return time.toMillis();
        }

        @Override
        public String describe() {
            return Durations.format(time);
        }
    }

    /** Uniform between {@code low} and {@code high}, both included. */
    record Uniform(Duration low, Duration high) implements Delay {
        public Uniform {
            if (high.compareTo(low) < 0) {
                throw new IllegalArgumentException("uniform - high " + Durations.format(high)
                        + " is below low " + Durations.format(low));
            }
        }

        @Override
        public long sampleMillis(Random random) {
            return low.toMillis() + (long) Math.floor(random.nextDouble() * (high.toMillis() - low.toMillis() + 1));
        }

        @Override
        public double meanMillis() {
            return (low.toMillis() + high.toMillis()) / 2.0;
        }

        @Override
        public String describe() {
            return "{uniform: [" + Durations.format(low) + ", " + Durations.format(high) + "]}";
        }
    }

    /** Exponential with mean {@code mean} (memoryless: a Poisson arrival's gap). */
    record Exponential(Duration mean) implements Delay {
        @Override
        public long sampleMillis(Random random) {
            return Math.round(-Math.log(1.0 - random.nextDouble()) * mean.toMillis());
        }

        @Override
        public double meanMillis() {
            return mean.toMillis();
        }

        @Override
        public String describe() {
            return "{exponential: " + Durations.format(mean) + "}";
        }
    }
}
