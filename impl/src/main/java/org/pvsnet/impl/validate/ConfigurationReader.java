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
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Customer;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Switch;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
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
 * customer checks that customer, and the rules across customers.
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

    @Activate
    public ConfigurationReader(@Reference final BindingNormalizedNodeSerializer serializer) {
        this.serializer = requireNonNull(serializer);
        final YangInstanceIdentifier root = serializer.toYangInstanceIdentifier(CONFIG);
        switches = root.node(SWITCHES);
        customers = root.node(CUSTOMERS);
    }

    /** {@link Validation#check} of a configuration (the pvsnet container; null: none). */
    public Validation.Outcome check(final @Nullable NormalizedNode config) {
        if (config == null) {
            return checkDraft(null);
        }
        Validation.Outcome known = checked.getIfPresent(config);
        if (known == null) {
            known = checkDraft(config);
            checked.put(config, known);
        }
        return known;
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
        return ModelReader.assemble(entries(container, switches, Switch.class, ModelReader::readSwitch),
            inCustomerOrder(entries(container, customers, Customer.class, ModelReader::readCustomer)));
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
            @SuppressWarnings("unchecked")
            ModelReader.Entry<T> known = (ModelReader.Entry<T>) read.getIfPresent(entry);
            if (known == null) {
                known = reader.apply(type.cast(serializer.fromNormalizedNode(list.node(entry.name()), entry)
                    .getValue()));
                read.put(entry, known);
            }
            entries.add(known);
        }
        return entries;
    }
}
