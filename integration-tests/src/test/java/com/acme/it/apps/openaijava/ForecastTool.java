package com.acme.it.apps.openaijava;

/**
 * The record/replay app's local tool. {@code -Dapp.forecast=v2} stands for a second build of it
 * whose answer changed: replaying the first build's recording then shows the next prompt differing.
 */
public final class ForecastTool {
    public String lookup(String city) {
        return "v2".equals(System.getProperty("app.forecast"))
                ? "cloudy, 17 C in " + city
                : "sunny, 24 C in " + city;
    }
}
