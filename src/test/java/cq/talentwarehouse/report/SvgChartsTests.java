package cq.talentwarehouse.report;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import cq.talentwarehouse.report.SvgCharts.Bar;
import cq.talentwarehouse.report.SvgCharts.Legend;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartsTests {

	@Test
	void axisTicksStepByOneTwoOrFiveAndReachTheLargestValue() {
		assertThat(SvgCharts.niceTicks(236_100)).containsExactly(0, 50_000, 100_000, 150_000, 200_000, 250_000);
		assertThat(SvgCharts.niceTicks(7)).containsExactly(0, 2, 4, 6, 8);
		assertThat(SvgCharts.niceTicks(0)).containsExactly(0, 1);
	}

	@Test
	void barsDrawAMissingValueAsTextAndEveryValueAsARect() {
		// given
		List<Bar> bars = List.of(Bar.of("江津区", 1769.2, "#4e79a7"), Bar.of("黔江区", null, "#f28e2b"));

		// when
		String svg = SvgCharts.bars("每万常住人口人才数", bars, List.of(new Legend("每万人", "#4e79a7")), List.of(), 1, "常住人口未知");

		// then
		assertThat(svg).startsWith("<svg ").endsWith("</svg>").contains("1,769.2").contains("常住人口未知");
		assertThat(svg.split("<rect ", -1)).hasSize(2);
	}

	@Test
	void stackedBarsAddTheirSegmentsIntoTheTotalShownAfterTheBar() {
		// given
		Bar bar = new Bar("江津区", Arrays.asList(18.0, 120.0, null, 728.0), null);
		List<Legend> series = List.of(new Legend("国家级", "#08306b"), new Legend("省部级", "#2171b5"),
				new Legend("市级", "#6baed6"), new Legend("区县级", "#c6dbef"));

		// when
		String svg = SvgCharts.bars("高层次人才", List.of(bar), series, series, 0, "无");

		// then
		assertThat(svg).contains(">866</text>").contains("江津区 区县级：728");
	}

}
