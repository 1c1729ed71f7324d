package io.nightshift.platform.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Event streams of the platform's four stream types, as seed-demo generates them. Each
 * stream opens with its creation event, continues with updates and may end with a
 * terminal event; the payloads are what the compaction reducers fold
 * (docs/jobs/compaction.md).
 */
final class DemoStreams {

	static final List<String> TYPES = List.of("specialist", "sortie", "mission", "checkpoint");

	private static final String[] SKILLS = { "navigation", "medic", "comms", "engineering", "recon" };

	private static final String[] LOCATIONS = { "north-gate", "harbor", "ridge", "depot", "relay-7" };

	private DemoStreams() {
	}

	/** The events of one stream: event type and data, in sequence order. */
	static List<Event> stream(String type, String tenant, int index, SplittableRandom random) {
		int length = 3 + random.nextInt(25);
		List<Event> events = new ArrayList<>(length + 2);
		switch (type) {
			case "specialist" -> {
				events.add(new Event("SpecialistRegistered",
						data("name", "specialist-" + tenant + "-" + index, "skill", pick(SKILLS, random))));
				for (int i = 0; i < length; i++) {
					events.add(random.nextInt(3) == 0
							? new Event("AvailabilityChanged", data("available", random.nextBoolean()))
							: new Event("SkillCertified",
									data("skill", pick(SKILLS, random), "level", 1 + random.nextInt(5))));
				}
				if (random.nextInt(6) == 0) {
					events.add(new Event("SpecialistRetired", data()));
				}
			}
			case "sortie" -> {
				events.add(new Event("SortieScheduled", data("mission", "mission-" + tenant + "-" + random.nextInt(50),
						"window", "P" + (1 + random.nextInt(9)) + "D")));
				events.add(new Event("SortieLaunched", data("crew", 2 + random.nextInt(8))));
				for (int i = 0; i < length; i++) {
					events.add(new Event("WaypointReached",
							data("index", i + 1, "lat", Math.round((random.nextDouble() * 180 - 90) * 1e5) / 1e5, "lon",
									Math.round((random.nextDouble() * 360 - 180) * 1e5) / 1e5)));
				}
				events.add(random.nextInt(5) == 0 ? new Event("SortieAborted", data("reason", "weather"))
						: new Event("SortieCompleted", data("outcome", random.nextBoolean() ? "success" : "partial")));
			}
			case "mission" -> {
				events.add(new Event("MissionCreated",
						data("title", "Mission " + index + " of " + tenant, "priority", 1 + random.nextInt(5))));
				for (int i = 0; i < length; i++) {
					int kind = random.nextInt(4);
					String specialist = "specialist-" + tenant + "-" + random.nextInt(20);
					events.add(switch (kind) {
						case 0, 1 -> new Event("SpecialistAssigned", data("specialist", specialist));
						case 2 -> new Event("SpecialistReleased", data("specialist", specialist));
						default -> new Event("PriorityChanged", data("priority", 1 + random.nextInt(5)));
					});
				}
				if (random.nextInt(3) == 0) {
					events.add(new Event("MissionClosed",
							data("result", random.nextBoolean() ? "achieved" : "cancelled")));
				}
			}
			case "checkpoint" -> {
				events.add(new Event("CheckpointOpened", data("location", pick(LOCATIONS, random))));
				for (int i = 0; i < length; i++) {
					events.add(new Event("ScanRecorded",
							data("count", 1 + random.nextInt(40), "flagged", random.nextInt(3))));
				}
				if (random.nextInt(4) == 0) {
					events.add(new Event("CheckpointClosed", data()));
				}
			}
			default -> throw new IllegalArgumentException("unknown stream type " + type);
		}
		return events;
	}

	private static Map<String, Object> data(Object... keyValues) {
		Map<String, Object> data = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			data.put((String) keyValues[i], keyValues[i + 1]);
		}
		return data;
	}

	private static String pick(String[] values, SplittableRandom random) {
		return values[random.nextInt(values.length)];
	}

	record Event(String type, Map<String, Object> data) {
	}

}
