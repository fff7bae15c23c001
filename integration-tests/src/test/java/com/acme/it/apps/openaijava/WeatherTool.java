package com.acme.it.apps.openaijava;

/**
 * The app's own local tool: the model asks for it by name ({@code get_weather}) and
 * {@link TravelAgent} runs it. Not part of the SDK, so the test instruments it with a user rule.
 */
public final class WeatherTool {
    public String lookup(String city) {
        return "sunny, 24 C in " + city;
    }
}
