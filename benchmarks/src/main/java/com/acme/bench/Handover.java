package com.acme.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * The "application" method that hands work to an executor from inside an instrumented call, so the
 * executor benchmark can compare a submission with a span open against one without.
 */
public class Handover {
    /** Submits the task and waits for it, inside this (instrumented) call. */
    public Object submitFromSpan(ExecutorService executor, Callable<Object> task)
            throws ExecutionException, InterruptedException {
        return executor.submit(task).get();
    }
}
