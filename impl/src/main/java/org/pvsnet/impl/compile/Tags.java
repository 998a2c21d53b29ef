/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import java.util.List;
import org.pvsnet.impl.model.Encapsulation;

/**
 * What an encapsulation means to the pipeline: the match that recognises its frames, the actions that
 * take its header off on the way in and put it on on the way out. One small piece per encapsulation;
 * adding one (QinQ, MPLS, VXLAN, GRE) means adding its cases here and nowhere else.
 */
final class Tags {
    private Tags() {
        // utility
    }

    /** The encapsulation cannot be compiled yet; its customer is reported in error, others carry on. */
    static final class UnsupportedEncapsulation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedEncapsulation(final Encapsulation encapsulation) {
            super("encapsulation " + encapsulation.describe() + " is not supported by the pipeline yet "
                + "(untagged and vlan are)");
        }
    }

    static List<MatchField> match(final Encapsulation encapsulation) {
        return switch (encapsulation) {
            case Encapsulation.Untagged untagged -> List.of(new MatchField.NoVlan());
            case Encapsulation.Vlan vlan -> List.of(new MatchField.VlanId(vlan.vlanId()));
            default -> throw new UnsupportedEncapsulation(encapsulation);
        };
    }

    static List<Action> pop(final Encapsulation encapsulation) {
        return switch (encapsulation) {
            case Encapsulation.Untagged untagged -> List.of();
            case Encapsulation.Vlan vlan -> List.of(new Action.PopVlan());
            default -> throw new UnsupportedEncapsulation(encapsulation);
        };
    }

    static List<Action> push(final Encapsulation encapsulation) {
        return switch (encapsulation) {
            case Encapsulation.Untagged untagged -> List.of();
            case Encapsulation.Vlan vlan -> List.of(new Action.PushVlan(vlan.vlanId()));
            default -> throw new UnsupportedEncapsulation(encapsulation);
        };
    }

    /** From one tunnel's header to another's without looking inside the frame (tunnel switching). */
    static List<Action> swap(final Encapsulation from, final Encapsulation to) {
        if (from instanceof Encapsulation.Vlan && to instanceof Encapsulation.Vlan vlan) {
            return List.of(new Action.SetVlan(vlan.vlanId()));
        }
        return concat(pop(from), push(to));
    }

    @SafeVarargs
    static <T> List<T> concat(final List<? extends T>... lists) {
        final java.util.ArrayList<T> all = new java.util.ArrayList<>();
        for (List<? extends T> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
