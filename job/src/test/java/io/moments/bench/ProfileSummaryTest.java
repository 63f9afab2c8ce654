package io.moments.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileSummaryTest {

    @Test
    void inclusiveSharesCountAFrameOncePerStackAndKeepOnlyWantedFrames() {
        String collapsed = String.join("\n",
                "java/lang/Thread.run;io/moments/A.run;io/moments/B.run 30",
                "java/lang/Thread.run;io/moments/A.run;io/moments/A.run 10", // recursion: counted once
                "java/lang/Thread.run;org/rocksdb/RocksDB.get 60", "");
        List<ProfileSummary.Share> shares = ProfileSummary.inclusive(collapsed, ProfileSummary.OF_INTEREST, 10);
        assertThat(shares).containsExactly(new ProfileSummary.Share("org/rocksdb/RocksDB.get", 60.0),
                new ProfileSummary.Share("io/moments/A.run", 40.0), new ProfileSummary.Share("io/moments/B.run", 30.0));
        assertThat(ProfileSummary.inclusive(collapsed, ProfileSummary.OF_INTEREST, 1)).hasSize(1);
        assertThat(ProfileSummary.table(shares)).contains("60.0  org/rocksdb/RocksDB.get");
    }

    @Test
    void nativeLibraryFramesLoseTheDirectoryTheLibraryWasUnpackedTo() {
        String frame = "a;/home/u/.moments/tmp/minicluster_1/tm_0/tmp/rocksdb-lib-9/librocksdbjni-linux64.so;b 3";
        assertThat(Profiler.withoutLibraryDirs(frame)).isEqualTo("a;librocksdbjni-linux64.so;b 3");
        assertThat(Profiler.withoutLibraryDirs("io/moments/A.run;java/lang/Thread.run 1"))
                .isEqualTo("io/moments/A.run;java/lang/Thread.run 1");
    }
}
