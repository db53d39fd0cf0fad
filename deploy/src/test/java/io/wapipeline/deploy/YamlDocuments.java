package io.wapipeline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** YAML files as trees, one per document; a key written twice is refused (YAML parsers keep the last one silently). */
final class YamlDocuments {

    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private YamlDocuments() {
    }

    /** Every non-empty document of {@code file}, named by its path under {@code root}. */
    static List<Document> read(Path root, Path file) {
        String source = root.relativize(file).toString().replace('\\', '/');
        List<Document> documents = new ArrayList<>();
        List<JsonNode> trees = trees(source, text(file));
        for (int index = 0; index < trees.size(); index++) {
            JsonNode tree = trees.get(index);
            if (tree instanceof ObjectNode object) {
                documents.add(new Document(source + " #" + (index + 1), object));
            }
            else if (tree != null && !tree.isNull() && !tree.isMissingNode()) {
                throw new IllegalArgumentException(source + " #" + (index + 1) + " is not a mapping");
            }
        }
        return documents;
    }

    /** The one document of {@code file}, such as a kustomization.yaml or an application.yml. */
    static ObjectNode readSingle(Path root, Path file) {
        List<Document> documents = read(root, file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(root.relativize(file) + " must hold one YAML document, not " + documents.size());
        }
        return documents.get(0).tree();
    }

    private static List<JsonNode> trees(String source, String text) {
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
        }
        catch (JacksonException unreadable) {
            String line = unreadable.getLocation() == null ? "" : ", line " + unreadable.getLocation().getLineNr();
            throw new IllegalArgumentException(source + line + ": " + unreadable.getOriginalMessage(), unreadable);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
