package org.kizuna.app.federate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.kizuna.store.files.OwnerOnlyFiles;

/**
 * {@code DATA/federation/partners.yaml}: partners added with {@code kizuna federate add}, in the
 * same shape as {@code federation.partners} in {@code kizuna.yaml} (which wins for the same id).
 * Other entries are kept; the file is replaced atomically.
 */
public final class PartnersFile {

    public static final String FILE_NAME = "partners.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private PartnersFile() {
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve("federation").resolve(FILE_NAME);
    }

    /** The federation trust store: partner CA certificates, one PEM file per partner. */
    public static Path trustDir(Path dataDir) {
        return dataDir.resolve("federation").resolve("partners");
    }

    static void add(Path dataDir, String id, String nation, String certificate, String dial, String accreditation,
                    List<String> in, List<String> out) throws IOException {
        ObjectNode root = read(dataDir);
        ObjectNode partner = root.withObjectProperty("partners").putObject(id);
        partner.put("nation", nation);
        putIfSet(partner, "certificate", certificate);
        putIfSet(partner, "dial", dial);
        putIfSet(partner, "accreditation", accreditation);
        if (in != null) {
            in.forEach(partner.putArray("inboundGroups")::add);
        }
        if (out != null) {
            out.forEach(partner.putArray("outboundGroups")::add);
        }
        write(dataDir, root);
    }

    /** The entry of partner {@code id}, or null when the file does not list it. */
    static JsonNode entry(Path dataDir, String id) throws IOException {
        JsonNode partner = read(dataDir).path("partners").path(id);
        return partner.isObject() ? partner : null;
    }

    /** Takes partner {@code id} out of the file; false when it was not in it. */
    static boolean remove(Path dataDir, String id) throws IOException {
        ObjectNode root = read(dataDir);
        if (!(root.get("partners") instanceof ObjectNode partners) || partners.remove(id) == null) {
            return false;
        }
        write(dataDir, root);
        return true;
    }

    private static ObjectNode read(Path dataDir) throws IOException {
        Path file = file(dataDir);
        if (Files.exists(file)) {
            JsonNode existing = YAML.readTree(file.toFile());
            if (existing != null && existing.isObject()) {
                return (ObjectNode) existing;
            }
        }
        return JsonNodeFactory.instance.objectNode();
    }

    private static void write(Path dataDir, ObjectNode root) throws IOException {
        Path file = file(dataDir);
        OwnerOnlyFiles.directory(file.getParent());
        OwnerOnlyFiles.replace(file, YAML.writeValueAsBytes(root));
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
