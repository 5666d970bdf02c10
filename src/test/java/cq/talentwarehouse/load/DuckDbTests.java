package cq.talentwarehouse.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuckDbTests {

	@Test
	void splitsStatementsOnSemicolonsOutsideStringsAndLineComments() {
		// given a script with a semicolon in a string and one in a line comment
		String sql = "select 'a;b' as x; -- not a statement; really\nselect 2;";
		// when it is split
		List<String> statements = DuckDb.statements(sql);
		// then there are two statements and the comment is gone
		assertThat(statements).containsExactly("select 'a;b' as x", "select 2");
	}

	@Test
	void ignoresSemicolonsInsideBlockComments() {
		// given a block comment over several lines holding semicolons and a quote
		String sql = "/* header; it's\n   two lines; */ create table t (x int);\nselect /* inline; */ 1;";
		// when it is split
		List<String> statements = DuckDb.statements(sql);
		// then only the two real statements remain, without the comments
		assertThat(statements).containsExactly("create table t (x int)", "select   1");
	}

	@Test
	void ignoresSemicolonsAndDashesInsideQuotedIdentifiers() {
		// given a quoted identifier holding a semicolon, a quote and a double dash
		String sql = "select 1 as \"a;b\", 2 as \"it's--x\"; select \"c\"\"d;\" from t;";
		// when it is split
		List<String> statements = DuckDb.statements(sql);
		// then the identifiers stay whole
		assertThat(statements).containsExactly("select 1 as \"a;b\", 2 as \"it's--x\"", "select \"c\"\"d;\" from t");
	}

	@Test
	void keepsDoubledQuotesInsideStrings() {
		assertThat(DuckDb.statements("select 'it''s; fine'; select 3"))
			.containsExactly("select 'it''s; fine'", "select 3");
	}

}
