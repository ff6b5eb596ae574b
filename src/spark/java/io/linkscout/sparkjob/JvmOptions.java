package io.linkscout.sparkjob;

import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Prints the JVM options Spark needs on this Java version ({@link JavaModuleOptions#defaultModuleOptions()}: the
 * module opens of Java 17+), so that LinkScout starts {@link RankJob} with exactly what this Spark build asks for
 * instead of a copied list.
 */
public final class JvmOptions {

    private JvmOptions() {
    }

    public static void main(String[] args) {
        System.out.println(JavaModuleOptions.defaultModuleOptions());
    }
}
