package dev.flashsale.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Throws random and mutated input at the decoders. Seeds are fixed so a failure reproduces; the
 * failure message carries the offending bytes.
 */
class CodecFuzzTest {

    private static final int ROUNDS = 3_000;
    private static final byte[] JSON_SIGNIFICANT =
            "{}[]\":,\\ -+.eE0123456789tfnul\u00e9".getBytes(StandardCharsets.UTF_8);

    private final EventCodec codec = new EventCodec();

    private final byte[] validRequest = codec.encode(new PurchaseRequest("req-1", "user-1", "item-1", 2));
    private final byte[] validResult = codec.encode(PurchaseResult.succeeded(
            new PurchaseRequest("req-1", "user-1", "item-1", 2),
            "order-1",
            "atomic",
            "worker-1",
            Instant.parse("2025-06-01T10:15:30Z")));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomBytesNeverMakeDecodingThrow(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = new byte[random.nextInt(64)];
            random.nextBytes(input);
            assertTotal(input);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void mutatedDocumentsNeverMakeDecodingThrow(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = random.nextBoolean() ? validRequest : validResult;
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                input = mutate(input, random);
            }
            assertTotal(input);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void randomlyTypedFieldsNeverMakeDecodingThrow(long seed) {
        Random random = new Random(seed);
        List<String> names = List.of(
                "requestId",
                "userId",
                "itemId",
                "quantity",
                "status",
                "reason",
                "orderId",
                "strategy",
                "workerId",
                "timestamp",
                "extra");
        for (int round = 0; round < ROUNDS; round++) {
            StringBuilder document = new StringBuilder("{");
            for (String name : names) {
                if (random.nextInt(5) == 0) {
                    continue;
                }
                if (document.length() > 1) {
                    document.append(',');
                }
                document.append('"').append(name).append("\":").append(randomValue(random));
            }
            document.append('}');
            assertTotal(document.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String randomValue(Random random) {
        String[] pool = {
            "\"r-1\"",
            "\"\"",
            "\"   \"",
            "\"" + "x".repeat(129) + "\"",
            "\"a\\u0000b\"",
            "\"\\ud800\"",
            "\"\\ud83d\\ude00\"",
            "\"SUCCEEDED\"",
            "\"REJECTED\"",
            "\"FAILED\"",
            "\"SOLD_OUT\"",
            "\"CONFLICT\"",
            "\"INVALID_REQUEST\"",
            "\"2025-06-01T10:15:30Z\"",
            "\"not a time\"",
            "0",
            "1",
            "-1",
            "2147483647",
            "2147483648",
            "-2147483649",
            "99999999999999999999999999",
            "1.5",
            "1e400",
            "-0.0",
            "true",
            "false",
            "null",
            "[]",
            "{}",
            "{\"a\":[1,{\"b\":null}]}"
        };
        return pool[random.nextInt(pool.length)];
    }

    private static byte[] mutate(byte[] input, Random random) {
        if (input.length == 0) {
            return new byte[] {JSON_SIGNIFICANT[random.nextInt(JSON_SIGNIFICANT.length)]};
        }
        int at = random.nextInt(input.length);
        switch (random.nextInt(6)) {
            case 0: // overwrite with an arbitrary byte
                byte[] flipped = input.clone();
                flipped[at] = (byte) random.nextInt(256);
                return flipped;
            case 1: // overwrite with a byte that means something to a JSON parser
                byte[] replaced = input.clone();
                replaced[at] = JSON_SIGNIFICANT[random.nextInt(JSON_SIGNIFICANT.length)];
                return replaced;
            case 2: // insert
                byte[] inserted = new byte[input.length + 1];
                System.arraycopy(input, 0, inserted, 0, at);
                inserted[at] = JSON_SIGNIFICANT[random.nextInt(JSON_SIGNIFICANT.length)];
                System.arraycopy(input, at, inserted, at + 1, input.length - at);
                return inserted;
            case 3: // delete a range
                int end = Math.min(input.length, at + 1 + random.nextInt(8));
                byte[] deleted = new byte[input.length - (end - at)];
                System.arraycopy(input, 0, deleted, 0, at);
                System.arraycopy(input, end, deleted, at, input.length - end);
                return deleted;
            case 4: // truncate
                return Arrays.copyOf(input, at);
            default: // repeat a slice
                int sliceEnd = Math.min(input.length, at + 1 + random.nextInt(16));
                byte[] slice = Arrays.copyOfRange(input, at, sliceEnd);
                byte[] repeated = new byte[input.length + slice.length];
                System.arraycopy(input, 0, repeated, 0, sliceEnd);
                System.arraycopy(slice, 0, repeated, sliceEnd, slice.length);
                System.arraycopy(input, sliceEnd, repeated, sliceEnd + slice.length, input.length - sliceEnd);
                return repeated;
        }
    }

    /** Decoding answers every input, and whatever it accepts survives a re-encode unchanged. */
    private void assertTotal(byte[] input) {
        check(input, codec::decodeRequest, codec::encode);
        check(input, codec::decodeResult, codec::encode);
    }

    private <T> void check(byte[] input, Function<byte[], Decoded<T>> decode, Function<T, byte[]> encode) {
        Decoded<T> decoded;
        try {
            decoded = decode.apply(input);
        } catch (RuntimeException e) {
            throw new AssertionError("decoding threw on input " + HexFormat.of().formatHex(input), e);
        }
        assertThat(decoded).as("decoding %s", HexFormat.of().formatHex(input)).isNotNull();
        if (decoded instanceof Decoded.Ok<T> ok) {
            assertThat(decode.apply(encode.apply(ok.value())))
                    .as("re-decoding an accepted value")
                    .isEqualTo(decoded);
        }
    }
}
