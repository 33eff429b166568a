package io.slaflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.testsupport.SlaflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The job executor's look for due jobs reads an index, not the whole job table (PostgreSQL: PostgresDatabaseTest). */
class JobAcquisitionIndexTest extends SlaflowTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void theJobTableHasDueDateAndLockIndexesAndTheDueJobQueryUsesThem() {
    assertThat(jdbc.queryForList("SELECT INDEX_NAME || ' ' || COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
        + " WHERE INDEX_NAME LIKE 'SLAFLOW_JOB_%' AND TABLE_NAME = 'ACT_RU_JOB'", String.class))
        .containsExactlyInAnyOrder("SLAFLOW_JOB_DUE DUEDATE_", "SLAFLOW_JOB_LOCKED LOCK_EXP_TIME_");
    String plan = jdbc.queryForObject("EXPLAIN SELECT ID_ FROM ACT_RU_JOB WHERE DUEDATE_ <= CURRENT_TIMESTAMP"
        + " ORDER BY DUEDATE_ FETCH FIRST 20 ROWS ONLY", String.class);
    assertThat(plan).containsIgnoringCase(JobAcquisitionIndex.DUE);
    assertThat(jdbc.queryForObject("EXPLAIN SELECT ID_ FROM ACT_RU_JOB WHERE LOCK_EXP_TIME_ >= CURRENT_TIMESTAMP",
        String.class)).containsIgnoringCase(JobAcquisitionIndex.LOCKED);
  }
}
