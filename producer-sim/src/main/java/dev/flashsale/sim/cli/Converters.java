package dev.flashsale.sim.cli;

import dev.flashsale.sim.workload.Popularity;
import dev.flashsale.sim.workload.QuantityRange;
import picocli.CommandLine;

/** Command-line converters for the workload's value types; a bad value is reported with the valid forms. */
public final class Converters {

    private Converters() {}

    public static final class PopularityConverter implements CommandLine.ITypeConverter<Popularity> {
        @Override
        public Popularity convert(String value) {
            try {
                return Popularity.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class QuantityConverter implements CommandLine.ITypeConverter<QuantityRange> {
        @Override
        public QuantityRange convert(String value) {
            try {
                return QuantityRange.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
