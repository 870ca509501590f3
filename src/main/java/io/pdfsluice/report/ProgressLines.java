package io.pdfsluice.report;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * The console's filter (quarkus.log.console.filter): lets every record through, after the terminal's progress lines
 * are erased, so that a log line is never drawn over ({@link TerminalProgress}).
 */
@LoggingFilter(name = "progress-lines")
public final class ProgressLines implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        TerminalProgress.erase();
        return true;
    }
}
