package dev.flashsale.demo.bench;

import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.ReadinessCheck;
import dev.flashsale.worker.WorkerCommand;
import dev.flashsale.worker.WorkerModule;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.decision.Answer;
import dev.flashsale.worker.decision.Decider;
import dev.flashsale.worker.decision.Incoming;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's Kafka ceiling: the worker exactly as it runs (its command line, consume loops, codec, Kafka
 * transactions and client settings, commit interval included), with a decider that answers every request at once,
 * touching no database. What the pipeline carries with nothing to decide is the most any strategy can reach.
 * Benchmark-only: the answers ({@code REJECTED/SOLD_OUT}, strategy {@value #NAME}) are not decisions.
 */
public final class PassThroughWorker {

    /** The name of the ceiling in tables, the CSV and the results it publishes. */
    public static final String NAME = "ceiling-kafka";

    private PassThroughWorker() {}

    public static void main(String[] args) {
        System.exit(WorkerCommand.run(args, Module::new));
    }

    /** The standard wiring with the decider replaced; nothing connects to PostgreSQL or Redis. */
    static final class Module extends WorkerModule {
        Module(WorkerConfig config) {
            super(config);
        }

        @Override
        public Decider decider() {
            return once("decider", () -> new AnswerEverything(config().workerId()));
        }

        @Override
        public List<ReadinessCheck> readinessChecks() {
            return List.of();
        }
    }

    /** Answers each request as it comes, from the request alone. */
    static final class AnswerEverything implements Decider {
        private final String workerId;

        AnswerEverything(String workerId) {
            this.workerId = workerId;
        }

        @Override
        public List<Answer> decide(List<Incoming> polled) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<Answer> answers = new ArrayList<>(polled.size());
            for (Incoming incoming : polled) {
                PurchaseResult result = incoming instanceof Incoming.Request request
                        ? PurchaseResult.of(request.request(), Reason.SOLD_OUT, NAME, workerId, now)
                        : PurchaseResult.invalidRequest(incoming.requestId(), NAME, workerId, now);
                answers.add(new Answer(result, false));
            }
            return answers;
        }
    }
}
