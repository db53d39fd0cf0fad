package io.wapipeline.model.payload;

/** A shared location; coordinates are null when Meta sent none. */
public record Location(Double latitude, Double longitude, String name, String address, String url) {
}
