package io.linkscout.cli.common;

/**
 * When an ingest runs the graph step ({@code --graph}): with the ingest ({@code now}) or by a later {@code graph}
 * ({@code later}, {@code IndexBuilder.setGraphLater}).
 */
public enum GraphWhen {
    now,
    later
}
