package dev.flashsale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Reads the properties files the commands take extra Kafka client settings from (TLS, SASL, tuning). */
public final class PropertiesFiles {

    private PropertiesFiles() {}

    /**
     * The file's properties, or none for a null path.
     *
     * @param option the option that named the file, for the message when it cannot be read
     * @throws IllegalArgumentException naming the option and the file when it cannot be read
     */
    public static Map<String, String> read(String option, Path file) {
        if (file == null) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read '" + file + "': " + e.getMessage(), e);
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return Map.copyOf(map);
    }
}
