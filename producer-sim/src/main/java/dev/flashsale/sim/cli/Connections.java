package dev.flashsale.sim.cli;

import dev.flashsale.cli.DatabaseOptions;
import dev.flashsale.cli.KafkaConnectionOptions;
import dev.flashsale.cli.TopicOptions;
import dev.flashsale.schema.Migrations;
import dev.flashsale.sim.kafka.KafkaSettings;
import dev.flashsale.sim.kafka.SaleTopics;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;

/** Turns the shared connection options into what the simulator's commands connect with. */
final class Connections {

    private Connections() {}

    static KafkaSettings kafka(KafkaConnectionOptions options) {
        return new KafkaSettings(options.bootstrapServers(), options.overrides());
    }

    static SaleTopics topics(TopicOptions options) {
        return new SaleTopics(options.requestsTopic(), options.resultsTopic(), options.deadLetterTopic());
    }

    /** Brings the schema up to date; applying nothing when it already is. */
    static void migrate(DatabaseOptions options) {
        Migrations.migrate(options.url(), options.user(), options.password());
    }

    /** One connection, closed with the context. */
    static CloseableDSLContext open(DatabaseOptions options) {
        options.validate();
        return DSL.using(options.url(), options.user(), options.password());
    }
}
