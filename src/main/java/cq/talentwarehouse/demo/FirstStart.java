package cq.talentwarehouse.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.reference.Seeds;
import cq.talentwarehouse.pipeline.LandingZone;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.run.RunReport;

/**
 * The demo of a fresh clone: on a true first start — no published warehouse, no run history, the
 * bundled pipelines (the four seed districts) and the default landing folder, empty — the command
 * line's {@code run} writes the demo extracts into the landing zone before the load. Anything else
 * with an empty landing zone is an incident (a failed mount, a wrong path) that the load reports,
 * and demo records published into a real warehouse would be wrong data. The load itself
 * ({@code run.LoadRun}, also what {@code schedule} runs) never writes demo data.
 */
public final class FirstStart {

	private FirstStart() {
	}

	/** Writes the demo extracts, and says so on {@code out}, when this is a true first start; whether it did. */
	public static boolean writeDemoIfFirstStart(TalentProperties properties, PrintStream out) throws IOException {
		LandingZone landing = new LandingZone(properties.getLanding());
		if (!landing.isEmpty()) {
			return false;
		}
		Seeds seeds = Seeds.at(properties.getSeeds());
		if (!seeds.check().isEmpty()) {
			return false; // the load says what is wrong with them
		}
		PipelineCatalog catalog = PipelineCatalog.load(properties.getPipelines(), landing.root(), seeds.reference());
		if (!catalog.isValid() || !applies(properties, catalog, properties.stateDir().resolve("runs"))) {
			return false;
		}
		out.println("First start: the landing zone " + landing.root() + " is empty, so the demo extracts of the four"
				+ " seed districts are written into it first (演示数据; a warehouse that holds data never gets them).");
		DemoDataGenerator.generate(landing.root(), DemoDataGenerator.DEFAULT_SEED);
		return true;
	}

	static boolean applies(TalentProperties properties, PipelineCatalog catalog, Path runsFolder) throws IOException {
		if (Files.exists(properties.getWarehouse()) || !RunReport.list(runsFolder).isEmpty()) {
			return false;
		}
		Path defaultLanding = Path.of(TalentProperties.DEFAULT_LANDING).toAbsolutePath().normalize();
		if (!properties.getLanding().toAbsolutePath().normalize().equals(defaultLanding)) {
			return false;
		}
		if (catalog.pipelines().isEmpty()) {
			return false;
		}
		for (PipelineDefinition pipeline : catalog.pipelines()) {
			if (!DemoDataGenerator.isSeedDistrict(pipeline.district(), pipeline.landing())) {
				return false;
			}
		}
		return true;
	}

}
