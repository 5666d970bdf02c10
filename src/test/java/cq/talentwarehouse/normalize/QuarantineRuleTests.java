package cq.talentwarehouse.normalize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The quarantine rule names have one source of truth: the enum, which the SQL accepted-values test repeats. */
class QuarantineRuleTests {

	@Test
	void acceptedValuesTestAcceptsExactlyTheRulesOfTheEnum() throws Exception {
		// given the data test that fails a load on an unknown rule name
		String sql = Files.readString(Path.of("sql/tests/quarantine_accepted_rules.sql"));
		// when its accepted list is read
		Matcher list = Pattern.compile("not in \\(([^)]*)\\)").matcher(sql);
		assertThat(list.find()).as("a 'rule not in (...)' list in quarantine_accepted_rules.sql").isTrue();
		List<String> accepted = new ArrayList<>();
		Matcher quoted = Pattern.compile("'([a-z_]+)'").matcher(list.group(1));
		while (quoted.find()) {
			accepted.add(quoted.group(1));
		}
		// then it names every rule of the enum, in its order, and nothing else
		assertThat(accepted).containsExactlyElementsOf(QuarantineRule.keys());
	}

	@Test
	void keysAreTheLowerCaseNamesOperatorsSee() {
		assertThat(QuarantineRule.ID_BIRTH_DATE.key()).isEqualTo("id_birth_date");
		assertThat(QuarantineRule.VALUE_TOO_LONG).hasToString("value_too_long");
	}

}
