package cq.talentwarehouse.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.demo.DemoDataGenerator;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;

/**
 * Whether an empty landing zone may be filled with the demo extracts: only on a true first start —
 * no published warehouse, no run history, the bundled pipelines (the four seed districts) and the
 * default landing folder. Anything else with an empty landing zone is an incident (a failed mount,
 * a wrong path), and demo records published into a real warehouse would be wrong data.
 */
final class FirstStart {

	private FirstStart() {
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
