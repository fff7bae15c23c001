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
        driver.get("about:blank"); // the page of an earlier test stops here
        Chromium.problems(driver); // reading the browser's log empties it: what an earlier page logged
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
            assertTrue(text.contains("breakpoint llm"), text);
            // The prompt as the model will get it: the system instructions and the user's question.
            WebElement user = pause.findElement(By.cssSelector(".prompt .msg[data-role=user]"));
            assertTrue(user.getText().contains(QUESTION), user.getText());
            assertTrue(pause.findElement(By.cssSelector(".prompt .msg[data-role=system]")).getText()
                    .contains("careful research assistant"));
            // The breakpoint from the properties is listed.
            String bp = until(d -> d.findElement(By.cssSelector("#breakpoints tr.bp[data-name=llm]")).getText());
            assertTrue(bp.contains("openai"), bp);
            // The live feed: connected, and the calls so far drawn by the report's timeline, the paused one marked.
            until(d -> "connected".equals(d.findElement(By.id("conn")).getText()) ? true : null);
            String row = until(d -> d.findElements(By.cssSelector("#rows .r-span[data-kind=llm]")).stream()
                    .map(WebElement::getText).filter(t -> t.contains("paused")).findFirst().orElse(null));
            assertTrue(row.contains("OpenAiClient.complete"), row);
            assertFalse(driver.findElements(By.cssSelector("#rows .r-span[data-kind=agent]")).isEmpty(),
                    "the planner that made the call is drawn too");
            // A click on the paused call's name shows its details in the report's pane.
            pause.findElement(By.cssSelector(".p-method")).click();
            WebElement details = until(d -> d.findElement(By.id("details")).isDisplayed() ? d.findElement(By.id("details")) : null);
            assertTrue(details.getText().contains("paused in the debugger"), details.getText());
            assertTrue(details.getText().contains("com.acme.research.llm.OpenAiClient.complete"), details.getText());
            // The report's Tables page works on the live run too.
            driver.findElement(By.id("tab-tables")).click();
            String tables = until(d -> d.findElement(By.id("page-tables")).isDisplayed()
                    ? d.findElement(By.id("page-tables")).getText() : null);
            assertTrue(tables.contains("run id"), tables);
            driver.findElement(By.id("tab-timeline")).click();
            // Loaded under a policy of self only, without a refused script or style or a script error.
            assertEquals(List.of(), Chromium.problems(driver));
            Chromium.screenshot(driver, Path.of("target", "debugger-prompt.png"));

            click(pause, "continue");
            awaitPauses(0);
            String out = demo.awaitEnd();
            assertTrue(out.contains("demo finished"), out);
            // The page says so, and has drawn the whole run: the demo makes 26 calls.
            until(d -> "program ended".equals(d.findElement(By.id("conn")).getText()) ? true : null);
            until(d -> "26".equals(d.findElement(By.id("f-count")).getDomAttribute("data-total")) ? true : null);
            assertTrue(driver.findElements(By.cssSelector("#rows .r-span[data-status=running]")).isEmpty());
        }
    }

    @Test
    void breakpointsAreSetOnThePageAndTheNextAgentRunIsCaught(@TempDir Path dir) throws Exception {
        // Held at the first tool call, so that the page has time to set things up.
        try (DebuggedDemo demo = DebuggedDemo.start(dir, "agentdbg.break.hold=kind:tool", "agentdbg.break.hold.hit=1")) {
            open(demo);
            WebElement tool = awaitPauses(1).get(0);
            assertEquals("tool", tool.getDomAttribute("data-kind"));

            // A target the program cannot parse: its one-line reason, and nothing added.
            addBreakpoint("bad", "kind:nonsense", null, "enter");
            WebElement message = until(d -> d.findElement(By.id("message")).isDisplayed() ? d.findElement(By.id("message")) : null);
            assertTrue(message.getText().contains("unknown kind 'nonsense'"), message.getText());
            assertTrue(message.getAttribute("class").contains("error"));
            assertTrue(driver.findElements(By.cssSelector("#breakpoints tr.bp[data-name=bad]")).isEmpty());

            // The summarizer's model only: a condition on the captured request.
            addBreakpoint("mini", "openai", "args[0].model == gpt-4o-mini", "enter");
            // (The list is drawn anew on every update: its text is read inside the wait.)
            String row = until(d -> d.findElements(By.cssSelector("#breakpoints tr.bp[data-name=mini]")).stream()
                    .findFirst().map(WebElement::getText).orElse(null));
            assertTrue(row.contains("args[0].model == gpt-4o-mini"), row);

            String toolId = tool.getDomAttribute("data-pause");
            click(tool, "continue");
            WebElement summary = until(d -> {
                List<WebElement> list = pauses();
                return list.size() == 1 && !toolId.equals(list.get(0).getDomAttribute("data-pause")) ? list.get(0) : null;
            });
            assertEquals("llm-stream-1", summary.getDomAttribute("data-thread"));
            assertTrue(summary.getText().contains("OpenAiClient.streamComplete"), summary.getText());

            // Catch the next run: the second question's planner, on the main thread.
            WebElement next = driver.findElement(By.id("pause-next"));
            next.click();
            until(d -> "true".equals(d.findElement(By.id("pause-next")).getDomAttribute("data-program")) ? true : null);
            click(summary, "continue");
            WebElement planner = until(d -> {
                List<WebElement> list = pauses();
                return list.size() == 1 && "agent".equals(list.get(0).getDomAttribute("data-kind")) ? list.get(0) : null;
            });
            assertEquals("main", planner.getDomAttribute("data-thread"));
            assertTrue(planner.getText().contains("PlannerAgent.run"), planner.getText());
            // The first question is answered, the second one's run has not begun.
            assertTrue(demo.stdout().contains("Q: " + QUESTION), demo.stdout());
            assertFalse(demo.stdout().contains("How much memory"), demo.stdout());
            // It switches itself off once it has caught a run.
            until(d -> "false".equals(d.findElement(By.id("pause-next")).getDomAttribute("data-program")) ? true : null);
            assertFalse(driver.findElement(By.id("pause-next")).isSelected());

            driver.findElement(By.cssSelector("#breakpoints tr.bp[data-name=mini] .bp-remove")).click();
            until(d -> d.findElements(By.cssSelector("#breakpoints tr.bp[data-name=mini]")).isEmpty() ? true : null);
            click(planner, "continue");
            String out = demo.awaitEnd();
            assertTrue(out.contains("demo finished"), out);
        }
    }

    private static void addBreakpoint(String name, String target, String when, String at) {
        WebElement form = driver.findElement(By.id("bp-add"));
        for (String[] field : new String[][] {{"bp-name", name}, {"bp-target", target}, {"bp-when", when}}) {
            WebElement input = form.findElement(By.id(field[0]));
            input.clear(); // a refused breakpoint stays in the form, to be corrected
            if (field[1] != null) {
                input.sendKeys(field[1]);
            }
        }
        new org.openqa.selenium.support.ui.Select(form.findElement(By.id("bp-at"))).selectByValue(at);
        form.findElement(By.id("bp-submit")).click();
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
            assertTrue(next.getText().contains("step over"), "what stopped it: " + next.getText());
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
            // The parallel tools and the calls before this one are drawn, this one paused.
            until(d -> d.findElements(By.cssSelector("#rows .r-span[data-kind=tool]")).size() >= 3 ? true : null);
            until(d -> d.findElements(By.cssSelector("#rows .r-span[data-kind=llm]")).stream()
                    .anyMatch(r -> r.getText().contains("paused")) ? true : null);
            Path shot = Chromium.screenshot(driver, Path.of("target", "debugger-screenshot.png"));
            String docs = System.getProperty("agentdbg.debugger.screenshot");
            if (docs != null && !docs.isBlank()) {
                // Refreshes the README's picture: -Dagentdbg.debugger.screenshot=$PWD/docs/debugger-screenshot.png
                java.nio.file.Files.copy(shot, Path.of(docs), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            // The model's answer, read out of the response body the client is about to parse (a stream of chunks).
            WebElement answer = pause.findElement(By.cssSelector(".edit[data-target=body] .answer textarea"));
            assertTrue(answer.getDomProperty("value").startsWith("1200 at 7% compounded annually grows to 1683.06"),
                    answer.getDomProperty("value"));
            answer.clear();
            answer.sendKeys("EDITED IN THE DEBUGGER: 1200 grows to 1683.06 in 5 years.");
            pause.findElement(By.cssSelector(".edit[data-target=body] button.apply-answer")).click();
            WebElement note = pause.findElement(By.cssSelector(".edit[data-target=body] .edit-msg"));
            until(d -> note.getText().startsWith("applied") ? true : null);
            // The raw body now carries the new answer in the stream's first chunk.
            String body = pause.findElement(By.cssSelector(".edit[data-target=body] textarea.edit-text")).getDomProperty("value");
            assertTrue(body.contains("\"content\":\"EDITED IN THE DEBUGGER: 1200 grows to 1683.06 in 5 years.\""), body);
            click(pause, "continue");
            awaitPauses(0);
            String out = demo.awaitEnd();
            // The client parsed the edited body as if the model had sent it: the program prints the edited answer.
            assertTrue(out.contains("A: EDITED IN THE DEBUGGER: 1200 grows to 1683.06 in 5 years.\n"), out);
            assertFalse(out.contains("a gain of 483.06"), "the model's own first answer is gone: " + out);
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
