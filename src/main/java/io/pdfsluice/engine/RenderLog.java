package io.pdfsluice.engine;

import java.util.logging.Level;
import java.util.logging.Logger;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;

/**
 * Routes OpenHTMLtoPDF's diagnostics into the application's logging, keeping only warnings and errors.
 *
 * Its default logger prints every INFO step of every document straight to stderr, bypassing the log manager.
 * Turning XRLog off altogether would also hide real problems (unreadable CSS, missing fonts), so warnings are
 * forwarded to the ordinary java.util.logging loggers "com.openhtmltopdf.*", which Quarkus formats and filters
 * like any other category.
 */
final class RenderLog implements XRLogger {

    private static final int THRESHOLD = Level.WARNING.intValue();

    static synchronized void install() {
        if (!(XRLog.getLoggerImpl() instanceof RenderLog)) {
            XRLog.setLoggerImpl(new RenderLog());
            XRLog.setLoggingEnabled(true);
        }
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return diagnostic.getLevel().intValue() >= THRESHOLD
                && Logger.getLogger(diagnostic.getLogMessageId().getWhere()).isLoggable(diagnostic.getLevel());
    }

    @Override
    public void log(String where, Level level, String msg) {
        if (level.intValue() >= THRESHOLD) {
            Logger.getLogger(where).log(level, msg);
        }
    }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
        if (level.intValue() >= THRESHOLD) {
            Logger.getLogger(where).log(level, msg, th);
        }
    }

    @Override
    public void setLevel(String logger, Level level) {
        Logger.getLogger(logger).setLevel(level);
    }
}
