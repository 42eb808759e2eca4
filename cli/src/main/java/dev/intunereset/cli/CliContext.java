package dev.intunereset.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the commands get from the process, so tests can run them in memory.
 *
 * @param env environment variables
 * @param transport how to reach Kafka
 * @param out standard output: only results (the id, the events)
 * @param err standard error: problems, warnings, notes
 * @param stdin standard input, for {@code submit --file -}
 * @param terminal whether stdout is an interactive terminal (progress bar instead of plain lines)
 * @param nanoClock monotonic clock, for {@code watch --timeout}
 */
record CliContext(
    Map<String, String> env,
    Transport transport,
    PrintWriter out,
    PrintWriter err,
    InputStream stdin,
    boolean terminal,
    LongSupplier nanoClock) {}
