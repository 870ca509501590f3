package io.pdfsluice.engine;

import java.text.BreakIterator;
import java.util.Locale;

import com.openhtmltopdf.extend.FSTextBreaker;
import com.openhtmltopdf.layout.UrlAwareLineBreakIterator;

/**
 * OpenHTMLtoPDF's own line breaker, asking the deadline each time it is given a run of text. Layout hands every
 * text run to the line breaker, and layout is where a huge document spends its time, so this is where a render
 * past its deadline stops (OpenHTMLtoPDF has no cancellation of its own and does not look at interrupts).
 */
final class DeadlineLineBreaker implements FSTextBreaker {

    private final FSTextBreaker breaker = new UrlAwareLineBreakIterator(BreakIterator.getLineInstance(Locale.US));
    private final RenderDeadline deadline;

    DeadlineLineBreaker(RenderDeadline deadline) {
        this.deadline = deadline;
    }

    @Override
    public int next() {
        return breaker.next();
    }

    @Override
    public void setText(String text) {
        deadline.check();
        breaker.setText(text);
    }
}
