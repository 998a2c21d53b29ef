/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

/**
 * RESTCONF data paths (RFC 8040 section 3.5.3) of the configuration nodes, used in error messages so
 * an operator can GET or fix exactly the node that was refused.
 */
public final class Paths {
    public static final String ROOT = "pvsnet:pvsnet";

    private Paths() {
        // utility
    }

    public static String sw(final String nodeId) {
        return ROOT + "/switch=" + encode(nodeId);
    }

    public static String port(final String nodeId, final long port) {
        return sw(nodeId) + "/port=" + port;
    }

    public static String customer(final String id) {
        return ROOT + "/customer=" + encode(id);
    }

    public static String tunnel(final String customer, final String tunnel) {
        return customer(customer) + "/tunnel=" + encode(tunnel);
    }

    public static String site(final String customer, final String site) {
        return customer(customer) + "/site=" + encode(site);
    }

    public static String gateway(final String customer, final Ipv4Address address) {
        return customer(customer) + "/gateway=" + address;
    }

    public static String pvs(final String customer, final String pvs) {
        return customer(customer) + "/pvs=" + encode(pvs);
    }

    // Keys in pvsnet are [A-Za-z0-9._-] or "openflow:N"; ':' stays readable, as OpenDaylight accepts it.
    private static String encode(final String key) {
        return key.replace("%", "%25").replace(",", "%2C").replace("/", "%2F");
    }
}
