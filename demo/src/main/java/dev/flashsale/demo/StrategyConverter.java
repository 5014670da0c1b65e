package dev.flashsale.demo;

import dev.flashsale.worker.strategy.StrategyName;
import picocli.CommandLine;

/** Reads one strategy name; an unknown one is rejected with the list of valid names. */
final class StrategyConverter implements CommandLine.ITypeConverter<StrategyName> {
    @Override
    public StrategyName convert(String value) {
        try {
            return StrategyName.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
