package org.kizuna.app.demo;

import java.util.List;

/**
 * The U.S. node's demo units around Tokyo Bay and the Boso peninsula. Invented callsigns and
 * routes; nothing here describes a real unit or a real plan. The helicopter is labelled for U.S.
 * eyes only, so it stays on the U.S. node whatever the posture.
 */
public final class UsForcesScenario {

    private UsForcesScenario() {
    }

    public static List<SimulatedUnit> units() {
        return List.of(
                new SimulatedUnit("DEMO-USN-DDG-1", "LIBERTY 7", "a-f-S-C-L-D-D", 8, 0,
                        "Destroyer, maritime security patrol",
                        List.of(new double[] {35.2500, 139.7000}, new double[] {34.9000, 139.9000},
                                new double[] {34.7000, 139.6000}, new double[] {35.0500, 139.5000})),
                new SimulatedUnit("DEMO-USAF-C130-1", "REACH 21", "a-f-A-M-F-C", 150, 4000,
                        "Airlift, HADR supplies",
                        List.of(new double[] {35.7485, 139.3485}, new double[] {35.9000, 140.2000},
                                new double[] {35.2000, 140.3000})),
                new SimulatedUnit("DEMO-USN-MH60-1", "SABER 3", "a-f-A-M-H", 60, 300,
                        "Helicopter, ship's flight (U.S. eyes only in this demo)",
                        List.of(new double[] {35.2800, 139.6700}, new double[] {35.1000, 139.8000},
                                new double[] {35.0000, 139.6500}))
                        .labelled("CONFIDENTIAL", "USA"));
    }
}
