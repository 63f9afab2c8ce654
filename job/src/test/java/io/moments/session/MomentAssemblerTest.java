package io.moments.session;

import io.moments.decide.Trigger;
import io.moments.friction.FrictionMoment;
import io.moments.models.Label;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MomentAssemblerTest {

    @Test
    void everythingOfOneInstantIsOneMomentFrictionFirstEachPatternOnce() {
        List<SessionMoment> moments = MomentAssembler.assemble(List.of(
                        new FrictionMoment("s", "form_error_loop", 100, 50, "3 form errors", false),
                        new FrictionMoment("s", "checkout_pause", 40, 10, "pause", true),
                        new FrictionMoment("s", "form_error_loop", 100, 60, "again", false)),
                100, List.of(Trigger.labelCrossing(Label.FRUSTRATION, 0.61)));
        assertThat(moments).extracting(SessionMoment::ts).containsExactly(40L, 100L);
        assertThat(moments.get(0).triggers()).extracting(Trigger::name).containsExactly("checkout_pause");
        assertThat(moments.get(1).triggers()).extracting(Trigger::name)
                .containsExactly("form_error_loop", "label:frustration");
        assertThat(moments.get(1).triggers().get(1).detail()).isEqualTo("frustration rose to 0.61");
    }

    @Test
    void aLabelCrossingAloneIsAMomentAtItsEvent() {
        assertThat(MomentAssembler.assemble(List.of(), 7, List.of(Trigger.labelCrossing(Label.DELIGHT, 0.7))))
                .extracting(SessionMoment::ts).containsExactly(7L);
        assertThat(MomentAssembler.assemble(List.of(), 7, List.of())).isEmpty();
    }
}
