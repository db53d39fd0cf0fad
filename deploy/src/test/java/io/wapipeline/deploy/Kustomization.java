package io.wapipeline.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kustomize build} for the fields these manifests use: resources (files and directories), patches (strategic
 * merge patch files, lists of named entries merged by name), images and namespace. Any other field is refused rather
 * than ignored, so what is checked is what {@code kubectl apply -k} applies.
 */
final class Kustomization {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources", "patches", "images");

    private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag");

    /** The objects a kustomization makes, and every file they were made from. */
    record Rendered(List<Document> objects, Set<Path> files) {
    }

    private Kustomization() {
    }

    /** Renders the kustomization in {@code directory}; sources are named by their path under {@code root}. */
    static Rendered render(Path root, Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        String source = root.relativize(file).toString().replace('\\', '/');
        ObjectNode kustomization = YamlDocuments.readSingle(root, file);
        requireKnownFields(kustomization, source);
        Set<Path> files = new TreeSet<>(List.of(file));
        List<Document> objects = resources(root, directory, kustomization, source, files);
        objects = patched(root, directory, objects, kustomization.path("patches"), source, files);
        objects = withImages(objects, kustomization.path("images"), source);
        String namespace = kustomization.path("namespace").asString("");
        return new Rendered(namespace.isEmpty() ? objects : inNamespace(objects, namespace), files);
    }

    private static void requireKnownFields(ObjectNode kustomization, String source) {
        for (String field : kustomization.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(source + ": field '" + field + "' is not rendered by this test (only "
                        + new TreeSet<>(FIELDS) + "): extend Kustomization, or the checks would not see what kustomize makes");
            }
        }
        if (!"kustomize.config.k8s.io/v1beta1".equals(kustomization.path("apiVersion").asString(""))
                || !"Kustomization".equals(kustomization.path("kind").asString(""))) {
            throw new IllegalArgumentException(source + ": must be apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization");
        }
    }

    private static List<Document> resources(Path root, Path directory, ObjectNode kustomization, String source, Set<Path> files) {
        List<Document> objects = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = existing(directory, entry.asString(""), source);
            if (Files.isDirectory(resource)) {
                Rendered rendered = render(root, resource);
                objects.addAll(rendered.objects());
                files.addAll(rendered.files());
            }
            else {
                objects.addAll(YamlDocuments.read(root, resource));
                files.add(resource);
            }
        }
        return objects;
    }

    private static List<Document> patched(Path root, Path directory, List<Document> objects, JsonNode patches, String source,
            Set<Path> files) {
        List<Document> result = new ArrayList<>(objects);
        for (JsonNode entry : patches) {
            if (entry.propertyNames().size() != 1 || !entry.has("path")) {
                throw new IllegalArgumentException(source + ": a patch is rendered here only as {path: file}, not " + entry);
            }
            Path file = existing(directory, entry.path("path").asString(""), source);
            files.add(file);
            Document patch = single(root, file);
            int target = only(result, patch, source);
            Document base = result.get(target);
            result.set(target, new Document(base.source() + " patched by " + patch.source(), (ObjectNode) merge(base.tree(), patch.tree())));
        }
        return result;
    }

    private static Document single(Path root, Path file) {
        List<Document> documents = YamlDocuments.read(root, file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(root.relativize(file) + ": a patch file holds one patch, not " + documents.size());
        }
        return documents.get(0);
    }

    private static int only(List<Document> objects, Document patch, String source) {
        List<Integer> matches = new ArrayList<>();
        for (int index = 0; index < objects.size(); index++) {
            if (objects.get(index).kind().equals(patch.kind()) && objects.get(index).name().equals(patch.name())) {
                matches.add(index);
            }
        }
        if (matches.size() != 1) {
            throw new IllegalArgumentException(source + ": patch " + patch.describe() + " matches " + matches.size() + " objects, not one");
        }
        return matches.get(0);
    }

    /** Strategic merge as kustomize does it for these objects: maps merge, lists of named maps merge by name. */
    static JsonNode merge(JsonNode base, JsonNode patch) {
        if (base instanceof ObjectNode baseObject && patch instanceof ObjectNode patchObject) {
            ObjectNode merged = baseObject.deepCopy();
            for (Map.Entry<String, JsonNode> field : patchObject.properties()) {
                JsonNode current = merged.get(field.getKey());
                merged.set(field.getKey(), current == null ? field.getValue() : merge(current, field.getValue()));
            }
            return merged;
        }
        if (base instanceof ArrayNode baseArray && patch instanceof ArrayNode patchArray && named(baseArray) && named(patchArray)) {
            ArrayNode merged = baseArray.deepCopy();
            for (JsonNode entry : patchArray) {
                int index = indexOf(merged, entry.path("name").asString());
                if (index < 0) {
                    merged.add(entry);
                }
                else {
                    merged.set(index, merge(merged.get(index), entry));
                }
            }
            return merged;
        }
        return patch;
    }

    private static boolean named(ArrayNode array) {
        for (JsonNode entry : array) {
            if (!entry.path("name").isString()) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(ArrayNode array, String name) {
        for (int index = 0; index < array.size(); index++) {
            if (array.get(index).path("name").asString().equals(name)) {
                return index;
            }
        }
        return -1;
    }

    private static List<Document> withImages(List<Document> objects, JsonNode images, String source) {
        List<Document> result = new ArrayList<>();
        objects.forEach(object -> result.add(new Document(object.source(), object.tree().deepCopy())));
        for (JsonNode image : images) {
            if (!IMAGE_FIELDS.containsAll(image.propertyNames())) {
                throw new IllegalArgumentException(source + ": an image is rendered here only with " + IMAGE_FIELDS + ", not " + image);
            }
            if (!replaceImage(result, image)) {
                throw new IllegalArgumentException(source + ": image " + image.path("name").asString() + " is used by no container");
            }
        }
        return result;
    }

    private static boolean replaceImage(List<Document> objects, JsonNode image) {
        boolean used = false;
        for (Document object : objects) {
            for (JsonNode container : object.tree().path("spec").path("template").path("spec").path("containers")) {
                String current = container.path("image").asString("");
                if (imageName(current).equals(image.path("name").asString())) {
                    String name = image.path("newName").asString(imageName(current));
                    ((ObjectNode) container).put("image", name + ":" + image.path("newTag").asString(tag(current)));
                    used = true;
                }
            }
        }
        return used;
    }

    private static String imageName(String image) {
        int tag = image.lastIndexOf(':');
        return tag > image.lastIndexOf('/') ? image.substring(0, tag) : image;
    }

    private static String tag(String image) {
        return image.equals(imageName(image)) ? "latest" : image.substring(imageName(image).length() + 1);
    }

    /** Kustomize's namespace: every object is put in it, and a Namespace object is renamed to it. */
    private static List<Document> inNamespace(List<Document> objects, String namespace) {
        List<Document> result = new ArrayList<>();
        for (Document object : objects) {
            ObjectNode tree = object.tree().deepCopy();
            ObjectNode metadata = tree.withObjectProperty("metadata");
            metadata.put("Namespace".equals(object.kind()) ? "name" : "namespace", namespace);
            result.add(new Document(object.source(), tree));
        }
        return result;
    }

    private static Path existing(Path directory, String reference, String source) {
        Path path = directory.resolve(reference).normalize();
        if (reference.isEmpty() || !Files.exists(path)) {
            throw new IllegalArgumentException(source + " names '" + reference + "', which does not exist");
        }
        return path;
    }
}
