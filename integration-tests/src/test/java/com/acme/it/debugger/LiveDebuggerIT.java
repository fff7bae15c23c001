package com.acme.it.debugger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live debugger as a person uses it: the research demo runs under the built agent with breakpoints set in system
 * properties, and its page, opened from the URL the agent printed, is driven in headless Chromium. Every check is on
 * what the page shows or what the program printed; waits are generous and for conditions, never for time.
 */
class LiveDebuggerIT {
    private static final String QUESTION = "What is the compound growth of 1200 at 7% over 5 years?";

    private static WebDriver driver;

    @BeforeAll
    static void browser() {
        driver = Chromium.start();
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Opens the printed URL (the token becomes a cookie) and waits for the page to be up. */
    private static void open(DebuggedDemo demo) {
        driver.get(demo.url);
        until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private static <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    private static List<WebElement> pauses() {
        return driver.findElements(By.cssSelector("#paused .pause"));
    }

    /** Waits for exactly {@code n} pauses listed, and returns them. */
    private static List<WebElement> awaitPauses(int n) {
        return until(d -> {
            List<WebElement> list = pauses();
            return list.size() == n ? list : null;
        });
    }

    private static void click(WebElement pause, String command) {
        pause.findElement(By.cssSelector("button.cmd[data-command=" + command + "]")).click();
    }

    @Test
    void thePageShowsThePausedLlmCallWithItsPrompt(@TempDir Path dir) throws Exception {
        try (DebuggedDemo demo = DebuggedDemo.start(dir, "agentdbg.break.llm=openai", "agentdbg.break.llm.hit=1")) {
            open(demo);
            WebElement pause = awaitPauses(1).get(0);
            assertEquals("llm", pause.getDomAttribute("data-kind"));
            assertEquals("main", pause.getDomAttribute("data-thread"));
            assertEquals("enter", pause.getDomAttribute("data-at"));
            String text = pause.getText();
            assertTrue(text.contains("OpenAiClient.complete"), text);
            // The prompt as the model will get it: the system instructions and the user's question.
            WebElement user = pause.findElement(By.cssSelector(".prompt .msg[data-role=user]"));
            assertTrue(user.getText().contains(QUESTION), user.getText());
            assertTrue(pause.findElement(By.cssSelector(".prompt .msg[data-role=system]")).getText()
                    .contains("careful research assistant"));
            // The breakpoint from the properties is listed.
            WebElement bp = driver.findElement(By.cssSelector("#breakpoints tr.bp[data-name=llm]"));
            assertTrue(bp.getText().contains("openai"), bp.getText());

            String shot = System.getProperty("agentdbg.debugger.screenshot");
            Chromium.screenshot(driver, Path.of("target", "debugger-screenshot.png"));
            if (shot != null && !shot.isBlank()) {
                // Refreshes the README's picture: -Dagentdbg.debugger.screenshot=$PWD/docs/debugger-screenshot.png
                Chromium.screenshot(driver, Path.of(shot));
            }

            click(pause, "continue");
            awaitPauses(0);
            String out = demo.awaitEnd();
            assertTrue(out.contains("demo finished"), out);
        }
    }

    @Test
    void stepOverStopsAtTheNextCallOfTheThread(@TempDir Path dir) throws Exception {
        try (DebuggedDemo demo = DebuggedDemo.start(dir, "agentdbg.break.llm=openai", "agentdbg.break.llm.hit=1")) {
            open(demo);
            WebElement first = awaitPauses(1).get(0);
            String firstId = first.getDomAttribute("data-pause");
            // The first question's first call: no tool has answered yet.
            assertTrue(first.findElements(By.cssSelector(".prompt .msg[data-role=tool]")).isEmpty());
            click(first, "step_over");
            // The breakpoint stops only its first call: what stops next is the step, at the planner's next call
            // at the same depth, the same thread, after the tools it asked for have answered.
            WebElement next = until(d -> {
                List<WebElement> list = pauses();
                return list.size() == 1 && !firstId.equals(list.get(0).getDomAttribute("data-pause")) ? list.get(0) : null;
            });
            assertEquals("main", next.getDomAttribute("data-thread"));
            assertEquals("enter", next.getDomAttribute("data-at"));
            assertTrue(next.getText().contains("OpenAiClient.complete"), next.getText());
            assertFalse(next.findElements(By.cssSelector(".prompt .msg[data-role=tool]")).isEmpty(),
                    "the next call carries the tools' answers: " + next.getText());
            assertTrue(next.findElement(By.cssSelector(".prompt .msg[data-role=user]")).getText().contains(QUESTION));

            click(next, "continue");
            String out = demo.awaitEnd();
            assertTrue(out.contains("demo finished"), out);
        }
    }

    @Test
    void anEditedModelAnswerChangesWhatTheProgramPrints(@TempDir Path dir) throws Exception {
        // The final answer of the first question: the summarizer's streamed call, stopped on its way out.
        try (DebuggedDemo demo = DebuggedDemo.start(dir, "agentdbg.break.summary=com.acme.research.llm.OpenAiClient#streamComplete",
                "agentdbg.break.summary.at=exit", "agentdbg.break.summary.hit=1")) {
            open(demo);
            WebElement pause = awaitPauses(1).get(0);
            assertEquals("exit", pause.getDomAttribute("data-at"));
            assertTrue(pause.getText().contains("OpenAiClient.streamComplete"), pause.getText());
            // The model's answer as the response body the client is about to read: a stream of chunks.
            WebElement body = pause.findElement(By.cssSelector(".edit[data-target=body] textarea"));
            String before = body.getDomProperty("value");
            String firstDelta = "\"delta\":{\"content\":\"";
            assertTrue(before.contains(firstDelta + "1200 \""), before);
            String after = before.replaceFirst(java.util.regex.Pattern.quote(firstDelta),
                    java.util.regex.Matcher.quoteReplacement(firstDelta + "EDITED IN THE DEBUGGER: "));
            body.clear();
            body.sendKeys(after);
            pause.findElement(By.cssSelector(".edit[data-target=body] button.apply")).click();
            WebElement note = pause.findElement(By.cssSelector(".edit[data-target=body] .edit-msg"));
            until(d -> note.getText().startsWith("applied") ? true : null);
            click(pause, "continue");
            awaitPauses(0);
            String out = demo.awaitEnd();
            // The client parsed the edited body as if the model had sent it: the program prints the edited answer.
            assertTrue(out.contains("A: EDITED IN THE DEBUGGER: 1200 at 7% compounded annually"), out);
            assertTrue(out.contains("demo finished"), out);
        }
    }

    @Test
    void aClosedPageReleasesThePausedThread(@TempDir Path dir) throws Exception {
        try (DebuggedDemo demo = DebuggedDemo.start(dir, "agentdbg.break.llm=openai", "agentdbg.break.llm.hit=1",
                "agentdbg.debug.releaseAfter=2s")) {
            open(demo);
            awaitPauses(1);
            assertTrue(demo.process.isAlive(), "paused while the page is open");
            // The page goes away; nothing else talks to the debugger, nobody presses Continue.
            driver.get("about:blank");
            String out = demo.awaitEnd();
            assertTrue(out.contains("demo finished"), out);
            assertTrue(out.contains("Q: " + QUESTION), out);
        }
    }

    @Test
    void parallelToolsPausedTogetherAreListedAndReleasedEachOnItsOwn(@TempDir Path dir) throws Exception {
        try (DebuggedDemo demo = DebuggedDemo.start(dir, "agentdbg.break.tools=kind:tool")) {
            open(demo);
            // The first question asks for three tools at once; the pool's two threads each stop in one.
            List<WebElement> both = awaitPauses(2);
            Set<String> threads = both.stream().map(p -> p.getDomAttribute("data-thread")).collect(Collectors.toSet());
            assertEquals(Set.of("tool-pool-1", "tool-pool-2"), threads);
            for (WebElement p : both) {
                assertEquals("tool", p.getDomAttribute("data-kind"));
                assertEquals("enter", p.getDomAttribute("data-at"));
            }
            // Released one at a time: the other stays paused.
            String firstId = both.get(0).getDomAttribute("data-pause");
            String secondId = both.get(1).getDomAttribute("data-pause");
            click(both.get(0), "continue");
            until(d -> pauses().stream().noneMatch(p -> firstId.equals(p.getDomAttribute("data-pause"))) ? true : null);
            assertTrue(pauses().stream().anyMatch(p -> secondId.equals(p.getDomAttribute("data-pause"))),
                    "the other thread is still paused");
            click(driver.findElement(By.cssSelector("#paused .pause[data-pause='" + secondId + "']")), "continue");
            until(d -> pauses().stream().noneMatch(p -> secondId.equals(p.getDomAttribute("data-pause"))) ? true : null);

            // Done: remove the breakpoint on the page, let everything go, and the demo answers both questions.
            driver.findElement(By.cssSelector("#breakpoints tr.bp[data-name=tools] .bp-remove")).click();
            until(d -> d.findElements(By.cssSelector("#breakpoints tr.bp")).isEmpty() ? true : null);
            driver.findElement(By.id("continue-all")).click();
            String out = demo.awaitEnd();
            assertTrue(out.contains("demo finished"), out);
        }
    }
}
