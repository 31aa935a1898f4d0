package org.kizuna.app.pki;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.kizuna.store.files.OwnerOnlyFiles;

/**
 * {@code DATA/clients.yaml}: the groups of each client certificate, keyed by certificate CN. The
 * server reads it to put a connecting client into its groups.
 *
 * <pre>
 * clients:
 *   alice:
 *     groups:
 *     - Blue
 *     - JPN-HQ
 * </pre>
 *
 * <p>Updating one client keeps every other client, and every other key of that client's entry,
 * as they were (comments are not kept: the YAML library cannot carry them). The file is replaced
 * atomically so that a server reading it never sees half of it.
 */
final class ClientGroupsFile {

    static final String FILE_NAME = "clients.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            // Otherwise a factory from the builder reads "clients:" (no value) as "" rather than null.
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private final Path file;
    private final ObjectNode root;

    private ClientGroupsFile(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /**
     * Reads {@code dataDir/clients.yaml}, or starts an empty one if there is none.
     *
     * @throws IllegalArgumentException if the file is not of the shape above
     */
    static ClientGroupsFile load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new ClientGroupsFile(file, JsonNodeFactory.instance.objectNode());
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ClientGroupsFile(file, JsonNodeFactory.instance.objectNode());
        }
        JsonNode clients = root.path("clients");
        if (!root.isObject() || !(clients.isMissingNode() || clients.isNull() || clients.isObject())) {
            throw new IllegalArgumentException(file + " must be a mapping with a 'clients' mapping: clients: { NAME: { groups: [A, B] } }");
        }
        return new ClientGroupsFile(file, (ObjectNode) root);
    }

    Path file() {
        return file;
    }

    /** The groups recorded for {@code client}, empty if none. */
    List<String> groups(String client) {
        List<String> groups = new ArrayList<>();
        root.path("clients").path(client).path("groups").forEach(group -> groups.add(group.asText()));
        return groups;
    }

    /**
     * Records {@code groups} for {@code client}, replacing its previous groups. Names are trimmed
     * and duplicates dropped, keeping the first.
     *
     * @throws IllegalArgumentException if a group name is blank or the client's entry is not a mapping
     */
    void setGroups(String client, List<String> groups) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String group : groups) {
            if (group == null || group.isBlank()) {
                throw new IllegalArgumentException("group names must not be blank");
            }
            names.add(group.trim());
        }
        // "clients:" with nothing after it reads as null: the same as no clients yet.
        ObjectNode clients = root.path("clients").isObject() ? (ObjectNode) root.get("clients") : root.putObject("clients");
        JsonNode existing = clients.path(client);
        if (!existing.isMissingNode() && !existing.isNull() && !existing.isObject()) {
            throw new IllegalArgumentException(file + ": the entry for '" + client + "' is not a mapping");
        }
        ObjectNode entry = existing.isObject() ? (ObjectNode) existing : clients.putObject(client);
        ArrayNode array = entry.putArray("groups");
        names.forEach(array::add);
    }

    /** Writes the file owner-only through a temporary sibling and an atomic rename. */
    void save() throws IOException {
        OwnerOnlyFiles.directory(file.toAbsolutePath().getParent());
        OwnerOnlyFiles.replace(file, YAML.writeValueAsBytes(root));
    }
}
