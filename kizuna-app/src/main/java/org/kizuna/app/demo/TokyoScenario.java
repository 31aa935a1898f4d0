package org.kizuna.app.demo;

import java.util.List;

/**
 * The Japanese node's demo units around Tokyo Bay: ground, maritime and air; friendly and neutral.
 * Invented callsigns and routes; nothing here describes a real unit or a real plan. The ground
 * reconnaissance unit is labelled for Japanese eyes only, so it stays on the Japanese node
 * whatever the posture.
 */
public final class TokyoScenario {

    private TokyoScenario() {
    }

    public static List<SimulatedUnit> units() {
        return List.of(
                new SimulatedUnit("DEMO-JGSDF-RECON-1", "KITE 1", "a-f-G-U-C-R", 8, 40,
                        "Ground reconnaissance, HADR route survey",
                        List.of(new double[] {35.6812, 139.7671}, new double[] {35.7100, 139.8107},
                                new double[] {35.6580, 139.8400}, new double[] {35.6300, 139.7800}))
                        .labelled("HI", "JPN"),
                new SimulatedUnit("DEMO-JMSDF-DD-1", "HARBOR 2", "a-f-S-C-L-D-D", 7, 0,
                        "Destroyer, maritime security patrol",
                        List.of(new double[] {35.3000, 139.7500}, new double[] {35.1500, 139.8300},
                                new double[] {35.0500, 139.7000}, new double[] {35.2000, 139.6500})),
                new SimulatedUnit("DEMO-JMSDF-P1-1", "SEAHAWK 11", "a-f-A-M-F-P", 160, 3000,
                        "Maritime patrol aircraft",
                        List.of(new double[] {35.5000, 139.9500}, new double[] {34.8000, 140.2000},
                                new double[] {34.6000, 139.5000}, new double[] {35.2000, 139.3000})),
                new SimulatedUnit("DEMO-MERCHANT-1", "SAKURA MARU", "a-n-S-X-M", 6, 0,
                        "Merchant vessel (AIS)",
                        List.of(new double[] {35.4500, 139.7000}, new double[] {35.2000, 139.7700},
                                new double[] {34.9000, 139.8500})),
                new SimulatedUnit("DEMO-CIVAIR-1", "JA801A", "a-n-A-C-F", 220, 9000,
                        "Civil airliner",
                        List.of(new double[] {35.5494, 139.7798}, new double[] {34.4320, 135.2440})));
    }
}
