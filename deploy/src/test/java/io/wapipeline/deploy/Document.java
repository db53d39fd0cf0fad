package io.wapipeline.deploy;

import tools.jackson.databind.node.ObjectNode;

/** One YAML document of a manifest, with where it came from ({@code base/ingest.yaml #2}) for every message about it. */
record Document(String source, ObjectNode tree) {

    String kind() {
        return tree.path("kind").asString("");
    }

    String name() {
        return tree.path("metadata").path("name").asString("");
    }

    String describe() {
        return source + " (" + kind() + " " + name() + ")";
    }
}
