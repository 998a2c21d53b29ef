/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Validation: the rules a configuration must follow ({@code Validator}, pure), one answer for "is this
 * configuration acceptable?" ({@code Validation}), and the commit cohort that vetoes a refused write
 * before anything is stored, with an invalid-value error naming every offending path.
 */
package org.pvsnet.impl.validate;
