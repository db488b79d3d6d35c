package io.sluice.internal.ui;

import io.sluice.streaming.scheduler.OutputOperationInfo;
import java.util.List;

/** One retained batch with its output operations (by id), for the batch page and its JSON. */
record BatchDetail(BatchRow row, List<OutputOperationInfo> operations) {

  BatchDetail {
    operations = List.copyOf(operations);
  }
}
