/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.restconf;

import static java.util.Objects.requireNonNull;

import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.model.api.CaseSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ChoiceSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ContainerSchemaNode;
import org.opendaylight.yangtools.yang.model.api.DataNodeContainer;
import org.opendaylight.yangtools.yang.model.api.DataSchemaNode;
import org.opendaylight.yangtools.yang.model.api.LeafListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.LeafSchemaNode;
import org.opendaylight.yangtools.yang.model.api.ListSchemaNode;
import org.opendaylight.yangtools.yang.model.api.TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.BooleanTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.EmptyTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.EnumTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Int16TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Int32TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Int64TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Int8TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.ModifierKind;
import org.opendaylight.yangtools.yang.model.api.type.PatternConstraint;
import org.opendaylight.yangtools.yang.model.api.type.RangeRestrictedTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.StringTypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Uint16TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Uint32TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Uint64TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.Uint8TypeDefinition;
import org.opendaylight.yangtools.yang.model.api.type.UnionTypeDefinition;

/**
 * Reads a PUT, POST or PATCH body for pvsnet's configuration the way RESTCONF will, against the YANG
 * model, and finds what RESTCONF would store wrongly or refuse without naming the field: an empty body,
 * a top-level member naming another module (RESTCONF then stores an empty configuration), repeated list
 * keys, leaf-list values or members (RESTCONF keeps the last), nulls, two cases of one choice, and values
 * their YANG type does not allow. No I/O: the body and the model in, a refusal or the choices the body
 * makes out (a merge that changes a stored choice's case is checked against the datastore by the caller).
 */
final class BodyCheck {
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");

    /**
     * One choice the body makes: at this data path, this case of this choice. An outer choice is made by
     * where the body goes (a POST or PUT of a node inside a case): a stored node of another case beside it
     * makes the request fail in any method. An inner one is made inside the body: it matters to a merge.
     */
    record CaseChoice(String apiPath, String field, ChoiceSchemaNode choice, CaseSchemaNode chosen,
            boolean outer) {
    }

    /** The answer. */
    sealed interface Outcome {
        /** Nothing to say: RESTCONF may go on; for a merge, the choices to compare with the datastore. */
        record Pass(List<CaseChoice> choices) implements Outcome {
            public Pass {
                choices = List.copyOf(choices);
            }
        }

        /** Answer the request with this refusal. */
        record Refuse(Refusal refusal) implements Outcome {
        }
    }

    /** Where a request points: the data path under /rests/data, segments still percent-encoded. */
    record Target(List<String> segments) {
        Target {
            segments = List.copyOf(segments);
        }

        static Target parse(final String rawPath) {
            final String trimmed = rawPath.replaceAll("^/+|/+$", "");
            return new Target(trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1)));
        }

        /** As RESTCONF writes it: "pvsnet:pvsnet/customer=C1". */
        String apiPath() {
            return String.join("/", segments);
        }

        /** As an operator reads it, percent-escapes decoded. */
        String field() {
            return segments.stream().map(BodyCheck::decode).collect(Collectors.joining("/"));
        }
    }

    private final QNameModule module;
    private final String moduleName;
    private final DataNodeContainer root;

    /**
     * A check of the configuration whose top-level container is {@code top}.
     *
     * @param root the model's root (an EffectiveModelContext)
     * @param top the QName of the configuration container, pvsnet:pvsnet
     * @param moduleName the module's name as JSON qualifies members with it
     */
    BodyCheck(final DataNodeContainer root, final QName top, final String moduleName) {
        this.root = root;
        this.module = top.getModule();
        this.moduleName = moduleName;
    }

    /** Checks a body sent with {@code method} (PUT, POST, PATCH) to {@code target}. */
    Outcome check(final String method, final Target target, final @Nullable String body) {
        try {
            return new Outcome.Pass(walkRequest(method, target, body));
        } catch (Refused refused) {
            return new Outcome.Refuse(refused.refusal);
        }
    }

    private List<CaseChoice> walkRequest(final String method, final Target target, final @Nullable String body)
            throws Refused {
        final String what = method + " of " + target.field();
        if (body == null || body.isBlank()) {
            throw refuse(Refusal.malformed("body", "empty; a " + what + " needs a JSON document"));
        }
        final JsonValue document;
        try {
            document = JsonValue.parse(body);
        } catch (IOException e) {
            throw new Refused(Refusal.malformed("body", "not a JSON document: " + e.getMessage()), e);
        }
        if (!(document instanceof JsonValue.Obj top) || top.members().size() != 1) {
            throw refuse(Refusal.malformed("body", "a " + what + " needs a JSON object with exactly one member"
                + expected(method, target) + ", not " + describe(document)));
        }
        final JsonValue.Member member = top.members().get(0);
        final Walk walk = new Walk();
        final Located located = locate(target);
        if (located == null) {
            // A path outside the model: RESTCONF answers it (404 or 400) itself.
            return List.of();
        }
        if (method.equals("POST")) {
            final QName child = qualified(member.name(), "body", true);
            final Found found = find(asContainer(located.node, target.field()), child);
            if (found == null) {
                throw refuse(Refusal.malformed("body", member.name() + " is not a child of " + target.field()));
            }
            walk.recordCases(located.field, located.apiPath, found);
            walk.member(located.field, located.apiPath, found.node, member.value());
        } else {
            final QName named = qualified(member.name(), "body", true);
            if (!named.equals(located.node.getQName())) {
                throw refuse(Refusal.malformed("body", "member " + member.name() + " does not name the target "
                    + target.field() + expected(method, target)));
            }
            walk.recordCases(located.parentField, located.parentApiPath, located.found);
            walk.member(located.parentField, located.parentApiPath, located.node, member.value());
        }
        return walk.choices;
    }

    private String expected(final String method, final Target target) {
        final Located located = locate(target);
        if (located == null || method.equals("POST")) {
            return "";
        }
        return " (\"" + moduleName + ":" + located.node.getQName().getLocalName() + "\")";
    }

    /** The schema node a target names, or null when it names nothing of the model. */
    private @Nullable Located locate(final Target target) {
        DataNodeContainer container = root;
        Located located = null;
        String field = "";
        String apiPath = "";
        for (String segment : target.segments()) {
            final int eq = segment.indexOf('=');
            final String name = decode(eq < 0 ? segment : segment.substring(0, eq));
            final QName qname;
            try {
                qname = qualified(name, "path", located == null);
            } catch (Refused e) {
                return null;
            }
            final Found found = container == null ? null : find(container, qname);
            if (found == null) {
                return null;
            }
            final String parentField = field;
            final String parentApiPath = apiPath;
            final String shown = located == null ? moduleName + ":" + qname.getLocalName() : qname.getLocalName();
            field = join(field, shown + (eq < 0 ? "" : "=" + decode(segment.substring(eq + 1))));
            apiPath = join(apiPath, segment);
            located = new Located(found.node, found, field, apiPath, parentField, parentApiPath);
            container = found.node instanceof DataNodeContainer next ? next : null;
        }
        return located;
    }

    private record Located(DataSchemaNode node, Found found, String field, String apiPath, String parentField,
            String parentApiPath) {
    }

    /** A data child found under a container, and the choices and cases passed on the way. */
    private record Found(DataSchemaNode node, List<ChoiceSchemaNode> choices, List<CaseSchemaNode> cases) {
    }

    private @Nullable Found find(final DataNodeContainer container, final QName name) {
        final DataSchemaNode direct = container.dataChildByName(name);
        if (direct != null && !(direct instanceof ChoiceSchemaNode)) {
            return new Found(direct, List.of(), List.of());
        }
        for (DataSchemaNode child : container.getChildNodes()) {
            if (child instanceof ChoiceSchemaNode choice) {
                for (CaseSchemaNode option : choice.getCases()) {
                    final Found inner = find(option, name);
                    if (inner != null) {
                        final List<ChoiceSchemaNode> choices = new ArrayList<>(List.of(choice));
                        choices.addAll(inner.choices);
                        final List<CaseSchemaNode> cases = new ArrayList<>(List.of(option));
                        cases.addAll(inner.cases);
                        return new Found(inner.node, choices, cases);
                    }
                }
            }
        }
        return null;
    }

    private QName qualified(final String member, final String field, final boolean mustQualify) throws Refused {
        final int colon = member.indexOf(':');
        if (colon < 0) {
            if (mustQualify) {
                throw refuse(Refusal.malformed(field, member + " needs its module: " + moduleName + ":" + member));
            }
            return QName.create(module, member);
        }
        final String prefix = member.substring(0, colon);
        if (!prefix.equals(moduleName)) {
            throw refuse(Refusal.malformed(field, member + " names module " + prefix + ", not " + moduleName));
        }
        return QName.create(module, member.substring(colon + 1));
    }

    private DataNodeContainer asContainer(final DataSchemaNode node, final String field) throws Refused {
        if (node instanceof DataNodeContainer container) {
            return container;
        }
        throw refuse(Refusal.malformed(field, "a leaf has no children to POST"));
    }

    /** The walk of one body: the choices it makes, and the first refusal thrown out of it. */
    private final class Walk {
        final List<CaseChoice> choices = new ArrayList<>();

        void recordCases(final String field, final String apiPath, final Found found) {
            for (int i = 0; i < found.choices.size(); i++) {
                choices.add(new CaseChoice(apiPath, field, found.choices.get(i), found.cases.get(i), true));
            }
        }

        /** A member named by {@code node} inside the node at {@code field}, with its value. */
        void member(final String field, final String apiPath, final DataSchemaNode node, final JsonValue value)
                throws Refused {
            final String name = node.getQName().getLocalName();
            final String here = join(field, field.isEmpty() ? moduleName + ":" + name : name);
            final String hereApi = join(apiPath, field.isEmpty() ? moduleName + ":" + name : name);
            switch (node) {
                case ListSchemaNode list -> list(field, apiPath, list, value);
                case ContainerSchemaNode container -> object(here, hereApi, container, value);
                case LeafListSchemaNode leafList -> leafList(here, leafList, value);
                case LeafSchemaNode leaf -> leaf(here, leaf, value);
                default -> {
                    // anydata, anyxml: nothing of pvsnet's
                }
            }
        }

        private void list(final String field, final String apiPath, final ListSchemaNode list,
                final JsonValue value) throws Refused {
            final String name = list.getQName().getLocalName();
            final String shown = field.isEmpty() ? moduleName + ":" + name : name;
            if (!(value instanceof JsonValue.Arr array)) {
                throw refuse(Refusal.malformed(join(field, shown), "a list is a JSON array of objects, not "
                    + describe(value)));
            }
            final Set<List<String>> seen = new HashSet<>();
            for (JsonValue element : array.elements()) {
                if (!(element instanceof JsonValue.Obj entry)) {
                    throw refuse(Refusal.malformed(join(field, shown), "an entry is a JSON object, not "
                        + describe(element)));
                }
                final List<String> keys = new ArrayList<>();
                for (QName key : list.getKeyDefinition()) {
                    final JsonValue keyValue = memberValue(entry, key);
                    if (!(keyValue instanceof JsonValue.Scalar scalar)) {
                        throw refuse(Refusal.invalid(join(field, shown), "an entry without its key "
                            + key.getLocalName()));
                    }
                    keys.add(scalar.text());
                }
                final String keyText = String.join(",", keys);
                final String entryField = join(field, shown + "=" + keyText);
                if (!seen.add(keys)) {
                    throw refuse(Refusal.invalid(entryField, name + " " + keyText + " appears twice in one "
                        + "request (RESTCONF would keep only the last)"));
                }
                final String entryApi = join(apiPath, shown + "="
                    + keys.stream().map(BodyCheck::encode).collect(Collectors.joining(",")));
                object(entryField, entryApi, list, entry);
            }
        }

        private @Nullable JsonValue memberValue(final JsonValue.Obj object, final QName name) {
            for (JsonValue.Member member : object.members()) {
                final int colon = member.name().indexOf(':');
                if (member.name().substring(colon + 1).equals(name.getLocalName())) {
                    return member.value();
                }
            }
            return null;
        }

        private void object(final String field, final String apiPath, final DataNodeContainer container,
                final JsonValue value) throws Refused {
            if (!(value instanceof JsonValue.Obj object)) {
                throw refuse(Refusal.malformed(field, "a container is a JSON object, not " + describe(value)));
            }
            final Set<String> names = new HashSet<>();
            final Map<ChoiceSchemaNode, CaseChoice> chosen = new HashMap<>();
            for (JsonValue.Member member : object.members()) {
                final QName name = qualified(member.name(), join(field, member.name()), false);
                if (!names.add(name.getLocalName())) {
                    throw refuse(Refusal.invalid(join(field, name.getLocalName()), "appears twice in one object "
                        + "(RESTCONF would keep only the last)"));
                }
                final Found found = find(container, name);
                if (found == null) {
                    // Unknown: RESTCONF names it itself ("Schema node with name ... was not found").
                    continue;
                }
                for (int i = 0; i < found.choices.size(); i++) {
                    final CaseChoice choice = new CaseChoice(apiPath, field, found.choices.get(i),
                        found.cases.get(i), false);
                    final CaseChoice before = chosen.putIfAbsent(choice.choice(), choice);
                    if (before == null) {
                        choices.add(choice);
                    } else if (!before.chosen().equals(choice.chosen())) {
                        throw refuse(Refusal.invalid(join(field, choice.choice().getQName().getLocalName()),
                            before.chosen().getQName().getLocalName() + " and "
                            + choice.chosen().getQName().getLocalName() + " are two cases of one choice; "
                            + "give one"));
                    }
                }
                member(field, apiPath, found.node, member.value());
            }
        }

        private void leafList(final String field, final LeafListSchemaNode leafList, final JsonValue value)
                throws Refused {
            if (!(value instanceof JsonValue.Arr array)) {
                throw refuse(Refusal.malformed(field, "a leaf-list is a JSON array, not " + describe(value)));
            }
            final Set<String> seen = new HashSet<>();
            for (JsonValue element : array.elements()) {
                if (!(element instanceof JsonValue.Scalar scalar)) {
                    throw refuse(Refusal.invalid(field, describe(element) + " is not a value"));
                }
                if (!seen.add(scalar.text())) {
                    throw refuse(Refusal.invalid(field, scalar.text() + " appears twice"));
                }
                final String problem = problem(leafList.getType(), scalar, leafList.getQName());
                if (problem != null) {
                    throw refuse(Refusal.invalid(field, problem));
                }
            }
        }

        private void leaf(final String field, final LeafSchemaNode leaf, final JsonValue value) throws Refused {
            final TypeDefinition<?> type = leaf.getType();
            if (type instanceof EmptyTypeDefinition) {
                if (!(value instanceof JsonValue.Arr array && array.elements().size() == 1
                        && array.elements().get(0) instanceof JsonValue.Null)) {
                    throw refuse(Refusal.invalid(field, "a leaf of type empty is written [null], not "
                        + describe(value)));
                }
                return;
            }
            if (!(value instanceof JsonValue.Scalar scalar)) {
                throw refuse(Refusal.invalid(field, describe(value) + " is not a value"
                    + (value instanceof JsonValue.Null ? "; leave the member out (DELETE removes a stored one)"
                        : "")));
            }
            final String problem = problem(type, scalar, leaf.getQName());
            if (problem != null) {
                throw refuse(Refusal.invalid(field, problem));
            }
        }
    }

    /** Why a value is not of a type, or null when it is (or when the type is one pvsnet leaves to RESTCONF). */
    static @Nullable String problem(final TypeDefinition<?> type, final JsonValue.Scalar value,
            final @Nullable QName leaf) {
        final String text = value.text();
        final String typeName = type.getQName().equals(leaf) && type.getBaseType() != null
            ? type.getBaseType().getQName().getLocalName() : type.getQName().getLocalName();
        return switch (type) {
            case BooleanTypeDefinition bool -> text.equals("true") || text.equals("false") ? null
                : quoted(value) + " is not a boolean (true or false)";
            case EnumTypeDefinition enumeration -> {
                final List<String> names = enumeration.getValues().stream().map(EnumTypeDefinition.EnumPair::getName)
                    .toList();
                yield names.contains(text) ? null : quoted(value) + " is not one of " + String.join(", ", names);
            }
            case StringTypeDefinition string -> stringProblem(string, value, typeName);
            case UnionTypeDefinition union -> union.getTypes().stream().anyMatch(member -> problem(member, value,
                null) == null) ? null : quoted(value) + " is not a valid " + typeName;
            case RangeRestrictedTypeDefinition<?, ?> ranged when Bounds.of(ranged) != null ->
                integerProblem(ranged, value, typeName);
            default -> null;
        };
    }

    private static @Nullable String stringProblem(final StringTypeDefinition type, final JsonValue.Scalar value,
            final String typeName) {
        final String text = value.text();
        final var length = type.getLengthConstraint();
        if (length.isPresent() && !length.orElseThrow().getAllowedRanges().contains(text.codePointCount(0,
                text.length()))) {
            return "a " + text.codePointCount(0, text.length()) + "-character value is outside the length "
                + length.orElseThrow().getAllowedRanges() + " of " + typeName;
        }
        for (PatternConstraint pattern : type.getPatternConstraints()) {
            final boolean matches = PATTERNS.computeIfAbsent(pattern.getJavaPatternString(), Pattern::compile)
                .matcher(text).matches();
            final boolean inverted = pattern.getModifier().filter(ModifierKind.INVERT_MATCH::equals).isPresent();
            if (matches == inverted) {
                return quoted(value) + " is not a valid " + typeName;
            }
        }
        return null;
    }

    private static @Nullable String integerProblem(final RangeRestrictedTypeDefinition<?, ?> type,
            final JsonValue.Scalar value, final String typeName) {
        final String text = value.text();
        if (!DECIMAL.matcher(text).matches()) {
            return quoted(value) + " is not an integer";
        }
        final BigInteger number = new BigInteger(text);
        final List<Bounds> ranges = allowed(type);
        final boolean allowed = requireNonNull(Bounds.of(type)).contain(number)
            && (ranges.isEmpty() || ranges.stream().anyMatch(range -> range.contain(number)));
        return allowed ? null : text + " is out of range " + (ranges.isEmpty() ? List.of(Bounds.of(type)) : ranges)
            .stream().map(Bounds::toString).collect(Collectors.joining(" | ")) + " of " + typeName;
    }

    private static <N extends Number & Comparable<N>> List<Bounds> allowed(
            final RangeRestrictedTypeDefinition<?, N> type) {
        return type.getRangeConstraint().map(constraint -> constraint.getAllowedRanges().asRanges().stream()
            .map(range -> new Bounds(new BigInteger(range.lowerEndpoint().toString()),
                new BigInteger(range.upperEndpoint().toString()))).toList()).orElse(List.of());
    }

    /** The values an integer type can hold at all, before its range restrictions. */
    private record Bounds(BigInteger min, BigInteger max) {
        Bounds(final long min, final long max) {
            this(BigInteger.valueOf(min), BigInteger.valueOf(max));
        }

        static @Nullable Bounds of(final TypeDefinition<?> type) {
            return switch (type) {
                case Int8TypeDefinition t -> new Bounds(Byte.MIN_VALUE, Byte.MAX_VALUE);
                case Int16TypeDefinition t -> new Bounds(Short.MIN_VALUE, Short.MAX_VALUE);
                case Int32TypeDefinition t -> new Bounds(Integer.MIN_VALUE, Integer.MAX_VALUE);
                case Int64TypeDefinition t -> new Bounds(Long.MIN_VALUE, Long.MAX_VALUE);
                case Uint8TypeDefinition t -> new Bounds(0, 255);
                case Uint16TypeDefinition t -> new Bounds(0, 65_535);
                case Uint32TypeDefinition t -> new Bounds(0, 4_294_967_295L);
                case Uint64TypeDefinition t -> new Bounds(BigInteger.ZERO, new BigInteger("18446744073709551615"));
                default -> null;
            };
        }

        boolean contain(final BigInteger number) {
            return number.compareTo(min) >= 0 && number.compareTo(max) <= 0;
        }

        @Override
        public String toString() {
            return min + ".." + max;
        }
    }

    private static String quoted(final JsonValue.Scalar value) {
        return value.kind() == JsonToken.STRING ? "\"" + value.text() + "\"" : value.text();
    }

    private static String describe(final JsonValue value) {
        return switch (value) {
            case JsonValue.Obj object -> object.members().isEmpty() ? "an empty object {}"
                : "an object with " + object.members().size() + " members";
            case JsonValue.Arr array -> "an array of " + array.elements().size();
            case JsonValue.Scalar scalar -> quoted(scalar);
            case JsonValue.Null none -> "null";
        };
    }

    private static String join(final String path, final String segment) {
        return path.isEmpty() ? segment : path + "/" + segment;
    }

    static String decode(final String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String encode(final String value) {
        final StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            final char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~:".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static Refused refuse(final Refusal refusal) {
        return new Refused(refusal);
    }

    /** Carries a refusal out of the recursive walk. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Refusal refusal;

        Refused(final Refusal refusal) {
            this(refusal, null);
        }

        Refused(final Refusal refusal, final Throwable cause) {
            super(refusal.message(), cause, false, false);
            this.refusal = refusal;
        }
    }
}
