/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.validate;

import static java.util.Objects.requireNonNull;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Customer;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Switch;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.tree.api.ModificationType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pvsnet.impl.model.ModelReader;

/**
 * Reads the configuration as the datastore holds it into the model, one switch and one customer at a time, and
 * keeps what it read of each list entry by the entry's identity. The datastore keeps an entry that a change did
 * not touch as the very same node, so a change to one customer reads that customer again, not every other one
 * nor a host's thousands of ports. One reader serves the validation cohort (the proposed configuration) and the
 * pipeline (the stored one, made of the nodes the cohort saw), and RESTCONF's request guard (a deletion tried
 * first); it is an OSGi service so that they share it. What is kept goes with the last configuration
 * that holds the node. The answer of the rules is kept too, for the last few containers checked: the pipeline
 * gets the container the cohort checked when the change was committed, and does not check it again.
 * What the rules found of each customer on its own is kept as well (a {@link Validator.Memo}): a change to one
 * customer checks that customer, and the rules across customers. A change the datastore is about to commit
 * names the entries it wrote: when it starts from one of the last two configurations read, only those are looked
 * at, not the other 10,000 customers' entries one cache lookup each.
 */
@Component(service = ConfigurationReader.class)
public final class ConfigurationReader {
    private static final DataObjectIdentifier<Pvsnet> CONFIG = DataObjectIdentifier.builder(Pvsnet.class).build();
    private static final NodeIdentifier SWITCHES = NodeIdentifier.create(Switch.QNAME);
    private static final NodeIdentifier CUSTOMERS = NodeIdentifier.create(Customer.QNAME);

    private final BindingNormalizedNodeSerializer serializer;
    private final YangInstanceIdentifier switches;
    private final YangInstanceIdentifier customers;
    // weak keys are compared by identity: exactly "the same node", never an equal one (equality would cost a read)
    private final Cache<MapEntryNode, ModelReader.Entry<?>> read = CacheBuilder.newBuilder().weakKeys().build();
    // the answers for the last few configurations: the pipeline gets the very container the cohort checked
    private final Cache<NormalizedNode, Validation.Outcome> checked = CacheBuilder.newBuilder().weakKeys()
        .maximumSize(4).build();
    // what the rules found of each customer: a change to one customer checks that customer, and the rules across
    // customers
    private final Validator.Memo rules = new Validator.Memo();
    private volatile List<ModelReader.Entry<org.pvsnet.impl.model.Customer>> lastCustomerOrder = List.of();
    // the last two configurations read (a refused change's is never committed: the next change starts from the one
    // before it), the newest first
    private volatile List<LastRead> recent = List.of();
    // how many changes were read from a recent configuration rather than whole (for tests)
    private final AtomicLong changesRead = new AtomicLong();

    /**
     * The last configuration read and its entries, the customers by id, every one readable (else a change is read
     * whole: an unreadable entry has no id to place it by).
     */
    private record LastRead(NormalizedNode container, List<ModelReader.Entry<org.pvsnet.impl.model.Switch>> switches,
            List<ModelReader.Entry<org.pvsnet.impl.model.Customer>> customers) {
    }

    @Activate
    public ConfigurationReader(@Reference final BindingNormalizedNodeSerializer serializer) {
        this.serializer = requireNonNull(serializer);
        final YangInstanceIdentifier root = serializer.toYangInstanceIdentifier(CONFIG);
        switches = root.node(SWITCHES);
        customers = root.node(CUSTOMERS);
    }

    /** {@link Validation#check} of a configuration (the pvsnet container; null: none). */
    public Validation.Outcome check(final @Nullable NormalizedNode config) {
        return config == null ? checkDraft(null) : kept(config, () -> read(config));
    }

    /**
     * {@link Validation#check} of the configuration a change to the pvsnet container leads to (the candidate's
     * node for the container). When the change starts from one of the last two configurations read and touches
     * customers only, the customers it wrote are read into that configuration's list; anything else is read whole.
     */
    public Validation.Outcome check(final DataTreeCandidateNode change) {
        final NormalizedNode after = change.dataAfter();
        return after == null ? checkDraft(null) : kept(after, () -> {
            final ModelReader.Result changed = readChange(change, after);
            return changed != null ? changed : read(after);
        });
    }

    /** The answer kept for this very container, or the rules' answer for its model, then kept. */
    private Validation.Outcome kept(final NormalizedNode config, final Supplier<ModelReader.Result> model) {
        Validation.Outcome known = checked.getIfPresent(config);
        if (known == null) {
            known = Validation.check(model.get(), rules);
            checked.put(config, known);
        }
        return known;
    }

    /** The model after the change, from a recent read; null when only a whole read can tell. */
    private ModelReader.@Nullable Result readChange(final DataTreeCandidateNode change, final NormalizedNode after) {
        final NormalizedNode before = change.dataBefore();
        final LastRead from = recent.stream().filter(known -> known.container() == before).findFirst().orElse(null);
        if (from == null || change.modificationType() != ModificationType.SUBTREE_MODIFIED
                || !unmodified(change.modifiedChild(SWITCHES))) {
            return null;
        }
        final DataTreeCandidateNode list = change.modifiedChild(CUSTOMERS);
        final List<ModelReader.Entry<org.pvsnet.impl.model.Customer>> sorted = new ArrayList<>(from.customers());
        if (list != null && list.modificationType() != ModificationType.UNMODIFIED) {
            if (list.modificationType() != ModificationType.SUBTREE_MODIFIED) {
                return null;
            }
            for (DataTreeCandidateNode entry : list.childNodes()) {
                if (!(entry.name() instanceof NodeIdentifierWithPredicates key) || key.size() != 1
                        || !place(sorted, String.valueOf(key.values().iterator().next()), entry)) {
                    return null;
                }
            }
        }
        final List<ModelReader.Entry<org.pvsnet.impl.model.Customer>> result = List.copyOf(sorted);
        remember(new LastRead(after, from.switches(), result));
        lastCustomerOrder = result;
        changesRead.incrementAndGet();
        return ModelReader.assemble(from.switches(), result);
    }

    private static boolean unmodified(final @Nullable DataTreeCandidateNode child) {
        return child == null || child.modificationType() == ModificationType.UNMODIFIED;
    }

    private synchronized void remember(final LastRead newest) {
        recent = recent.isEmpty() ? List.of(newest) : List.of(newest, recent.getFirst());
    }

    /** Put what the change made of customer id in its place in the list (by id); false when it cannot be read. */
    private boolean place(final List<ModelReader.Entry<org.pvsnet.impl.model.Customer>> sorted, final String id,
            final DataTreeCandidateNode change) {
        final int at = indexOf(sorted, id);
        switch (change.modificationType()) {
            case UNMODIFIED -> {
                return true;
            }
            case DELETE, DISAPPEARED -> {
                if (at >= 0) {
                    sorted.remove(at);
                }
                return true;
            }
            default -> {
                if (!(change.dataAfter() instanceof MapEntryNode entry)) {
                    return false;
                }
                final ModelReader.Entry<org.pvsnet.impl.model.Customer> customer = entry(entry, customers,
                    Customer.class, ModelReader::readCustomer);
                final org.pvsnet.impl.model.Customer value = customer.value();
                if (value == null || !value.id().equals(id)) {
                    return false;
                }
                if (at >= 0) {
                    sorted.set(at, customer);
                } else {
                    sorted.add(-at - 1, customer);
                }
                return true;
            }
        }
    }

    /** Binary search by id in a list of readable customers sorted by id, as {@link Collections#binarySearch}. */
    private static int indexOf(final List<ModelReader.Entry<org.pvsnet.impl.model.Customer>> sorted,
            final String id) {
        int low = 0;
        int high = sorted.size() - 1;
        while (low <= high) {
            final int mid = (low + high) >>> 1;
            final int order = requireNonNull(sorted.get(mid).value()).id().compareTo(id);
            if (order < 0) {
                low = mid + 1;
            } else if (order > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    /** How many changes were read from a recent configuration rather than whole. */
    long changesRead() {
        return changesRead.get();
    }

    /**
     * The same, for a configuration that may never be committed (a DELETE tried first): its answer is not kept
     * for the pipeline, whose configurations it would push out.
     */
    public Validation.Outcome checkDraft(final @Nullable NormalizedNode config) {
        return Validation.check(read(config), rules);
    }

    /** The model of a configuration (the pvsnet container; null: none). */
    public ModelReader.Result read(final @Nullable NormalizedNode config) {
        if (config == null) {
            return ModelReader.read(null);
        }
        final ContainerNode container = (ContainerNode) config;
        final List<ModelReader.Entry<org.pvsnet.impl.model.Switch>> switchEntries =
            entries(container, switches, Switch.class, ModelReader::readSwitch);
        final List<ModelReader.Entry<org.pvsnet.impl.model.Customer>> customerEntries =
            inCustomerOrder(entries(container, customers, Customer.class, ModelReader::readCustomer));
        if (customerEntries.stream().allMatch(entry -> entry.value() != null)) {
            remember(new LastRead(config, switchEntries, customerEntries));
        }
        return ModelReader.assemble(switchEntries, customerEntries);
    }

    /**
     * The customers by id, sorted from the order of the last read: the entries it had first, in its order, then
     * the new ones. That is one pass of the sort, where sorting 10,000 customers from the datastore's order took
     * milliseconds of every change.
     */
    private List<ModelReader.Entry<org.pvsnet.impl.model.Customer>> inCustomerOrder(
            final List<ModelReader.Entry<org.pvsnet.impl.model.Customer>> entries) {
        // the entries not placed yet: each goes once, the last read's first
        final Set<ModelReader.Entry<org.pvsnet.impl.model.Customer>> unplaced =
            Collections.newSetFromMap(new IdentityHashMap<>(entries.size() * 2));
        unplaced.addAll(entries);
        final List<ModelReader.Entry<org.pvsnet.impl.model.Customer>> ordered = new ArrayList<>(entries.size());
        for (var entry : lastCustomerOrder) {
            if (unplaced.remove(entry)) {
                ordered.add(entry);
            }
        }
        for (var entry : entries) {
            if (unplaced.remove(entry)) {
                ordered.add(entry);
            }
        }
        // entries that could not be read have no id: last, as they came
        ordered.sort(Comparator.comparing(entry -> entry.value() == null ? null : entry.value().id(),
            Comparator.nullsLast(Comparator.naturalOrder())));
        final List<ModelReader.Entry<org.pvsnet.impl.model.Customer>> result = List.copyOf(ordered);
        lastCustomerOrder = result;
        return result;
    }

    /** The ids of the customers a configuration lists, whether or not they can be read. */
    public static List<String> customerIds(final @Nullable NormalizedNode config) {
        if (!(config instanceof ContainerNode container && container.childByArg(CUSTOMERS) instanceof MapNode list)) {
            return List.of();
        }
        return list.body().stream().map(entry -> String.valueOf(entry.name().values().iterator().next()))
            .sorted().toList();
    }

    private <B extends DataObject, T> List<ModelReader.Entry<T>> entries(final ContainerNode container,
            final YangInstanceIdentifier list, final Class<B> type, final Function<B, ModelReader.Entry<T>> reader) {
        if (!(container.childByArg((NodeIdentifier) list.getLastPathArgument()) instanceof MapNode map)) {
            return List.of();
        }
        final List<ModelReader.Entry<T>> entries = new ArrayList<>(map.size());
        for (MapEntryNode entry : map.body()) {
            entries.add(entry(entry, list, type, reader));
        }
        return entries;
    }

    /** An entry of a list, read once: the same node again is not read again. */
    private <B extends DataObject, T> ModelReader.Entry<T> entry(final MapEntryNode entry,
            final YangInstanceIdentifier list, final Class<B> type, final Function<B, ModelReader.Entry<T>> reader) {
        @SuppressWarnings("unchecked")
        ModelReader.Entry<T> known = (ModelReader.Entry<T>) read.getIfPresent(entry);
        if (known == null) {
            known = reader.apply(type.cast(serializer.fromNormalizedNode(list.node(entry.name()), entry).getValue()));
            read.put(entry, known);
        }
        return known;
    }
}
