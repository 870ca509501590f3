package io.pdfsluice.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * The README's configuration table against the code: every key it documents exists (set, or commented out as a
 * knob without a default, in the top-level application.properties, a property of a @ConfigMapping interface under io.pdfsluice,
 * or a {{placeholder}} of a
 * route), and every sluice.* key application.properties sets is documented.
 */
class ConfigurationDocsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9_.\\-\\[\\]]+)");
    private static final Pattern COMMENTED_KEY = Pattern.compile("(?m)^#\\s*(sluice\\.[A-Za-z0-9_.\\-]+)\\s*=");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyDocumentedKeyExists() throws IOException {
        assertDocumentedKeysExist(documentedKeys(read(Path.of("README.md"))), existingKeys());
    }

    @Test
    void everyKeySetInApplicationPropertiesIsDocumented() throws IOException {
        Set<String> documented = documentedKeys(read(Path.of("README.md")));
        List<String> undocumented = setKeys(read(Path.of("application.properties"))).stream()
                .filter(key -> key.startsWith("sluice.")).filter(key -> !matchesAny(key, documented)).toList();
        assertEquals(List.of(), undocumented,
                "keys application.properties sets that the README's configuration table does not document");
    }

    @Test
    void aDocumentedKeyThatDoesNotExistIsNamed() {
        String readme = """
                # A readme

                ## Configuration

                | key | default | what it does |
                |---|---|---|
                | `sluice.engine.dpi` / `jpeg-quality` | `150` / `0.85` | images |
                | `sluice.engine.no-such-knob` | `1` | nothing |
                """;
        Set<String> documented = documentedKeys(readme);
        assertEquals(Set.of("sluice.engine.dpi", "sluice.engine.jpeg-quality", "sluice.engine.no-such-knob"),
                documented);
        AssertionError error = assertThrows(AssertionError.class, () -> assertDocumentedKeysExist(documented,
                Set.of("sluice.engine.dpi", "sluice.engine.jpeg-quality")));
        assertTrue(error.getMessage().contains("sluice.engine.no-such-knob"), error.getMessage());
        assertTrue(!error.getMessage().contains("sluice.engine.dpi"), error.getMessage());
    }

    @Test
    void mappingPropertiesAreNamedAsSmallRyeNamesThem() {
        Set<String> keys = new TreeSet<>();
        mappingKeys(Sample.class, "sample", keys);
        assertEquals(Set.of("sample.render-timeout-ms", "sample.url", "sample.window.max-entries",
                "sample.limits.*.rate", "sample.kept-name", "sample.tier"), keys);
    }

    /** A mapping shaped like the ones under io.pdfsluice, for the test of the names. */
    interface Sample {
        long renderTimeoutMs();

        Optional<String> url();

        Window window();

        Map<String, Limit> limits();

        @WithName("kept-name")
        int renamed();

        @WithParentName
        Tier tier();

        interface Window {
            int maxEntries();
        }

        interface Limit {
            int rate();
        }

        interface Tier {
            String tier();
        }
    }

    static void assertDocumentedKeysExist(Set<String> documented, Set<String> existing) {
        List<String> missing = documented.stream().filter(key -> !matchesAny(key, existing)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("the README's configuration table documents keys that do not exist "
                    + "(not set in application.properties, no @ConfigMapping property, no route placeholder): "
                    + String.join(", ", missing));
        }
    }

    /** The keys of the first table after "## Configuration": first column, `full.key` / `sibling` / ... */
    static Set<String> documentedKeys(String readme) {
        int section = readme.indexOf("\n## Configuration");
        if (section < 0) {
            throw new AssertionError("the README has no \"## Configuration\" section");
        }
        Set<String> keys = new TreeSet<>();
        boolean inTable = false;
        for (String line : readme.substring(section + 1).lines().skip(1).toList()) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String first = line.split("\\|", -1)[1];
            String previous = null;
            Matcher code = CODE.matcher(first);
            while (code.find()) {
                String token = code.group(1).trim();
                String key = token.contains(".") ? token
                        : previous == null ? null : previous.substring(0, previous.lastIndexOf('.') + 1) + token;
                if (key != null) {
                    keys.add(key);
                    previous = key;
                }
            }
        }
        if (keys.isEmpty()) {
            throw new AssertionError("the README's configuration section has no table of keys");
        }
        return keys;
    }

    private static Set<String> existingKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        String properties = read(Path.of("application.properties"));
        for (String key : setKeys(properties)) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        // A knob without a default stays in application.properties too, commented out: "#sluice.api.url ="
        Matcher commented = COMMENTED_KEY.matcher(properties);
        while (commented.find()) {
            keys.add(commented.group(1));
        }
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pdfsluice")) {
            if (type.isInterface() && type.isAnnotatedWith(ConfigMapping.class)) {
                Class<?> mapping = type.reflect();
                mappingKeys(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), keys);
            }
        }
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Matcher placeholder = PLACEHOLDER.matcher(read(route));
                while (placeholder.find()) {
                    keys.add(placeholder.group(1));
                }
            }
        }
        return keys;
    }

    /** Prefix plus the kebab-case name (or @WithName) of every property, through groups, optional groups and maps. */
    static void mappingKeys(Class<?> mapping, String prefix, Set<String> keys) {
        for (Method method : mapping.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = method.isAnnotationPresent(WithParentName.class) ? ""
                    : withName != null ? withName.value() : kebab(method.getName());
            String key = prefix.isEmpty() ? name : name.isEmpty() ? prefix : prefix + "." + name;
            property(method.getGenericReturnType(), key, keys);
        }
    }

    private static void property(Type type, String key, Set<String> keys) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw)) {
                property(arguments[1], key + ".*", keys);
                return;
            }
            if (Optional.class.equals(raw) || Collection.class.isAssignableFrom(raw)) {
                if (isGroup(arguments[0])) {
                    property(arguments[0], key, keys);
                    return;
                }
            }
        }
        if (isGroup(type)) {
            mappingKeys((Class<?>) type, key, keys);
        } else {
            keys.add(key);
        }
    }

    private static boolean isGroup(Type type) {
        return type instanceof Class<?> c && c.isInterface() && !c.getName().startsWith("java.");
    }

    /** SmallRye's default naming: renderTimeoutMs becomes render-timeout-ms. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean upper = Character.isUpperCase(c);
            boolean afterLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1));
            boolean endsAcronym = i > 0 && i + 1 < name.length() && Character.isUpperCase(name.charAt(i - 1))
                    && Character.isLowerCase(name.charAt(i + 1));
            if (upper && (afterLower || endsAcronym) && out.length() > 0) {
                out.append('-');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static Set<String> setKeys(String properties) throws IOException {
        Properties parsed = new Properties();
        parsed.load(new StringReader(properties));
        return new TreeSet<>(parsed.stringPropertyNames());
    }

    /** Exact, or segment by segment where * (a map key) or a documented trailing .* matches any segment. */
    private static boolean matchesAny(String key, Set<String> keys) {
        if (keys.contains(key)) {
            return true;
        }
        for (String other : keys) {
            if (matches(key, other) || matches(other, key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String key, String pattern) {
        if (!pattern.contains("*")) {
            return false;
        }
        String[] k = key.split("\\.");
        String[] p = pattern.split("\\.");
        if (p[p.length - 1].equals("*") && k.length >= p.length) {
            k = java.util.Arrays.copyOf(k, p.length);
        }
        if (k.length != p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (!p[i].equals("*") && !p[i].equals(k[i])) {
                return false;
            }
        }
        return true;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
