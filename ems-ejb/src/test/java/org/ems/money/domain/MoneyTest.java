package org.ems.money.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MoneyTest {

    static final CurrencyCode USD = CurrencyCode.of("USD");
    static final CurrencyCode JPY = CurrencyCode.of("JPY");
    static final CurrencyCode GBP = CurrencyCode.of("GBP");

    @Test
    void currencyCodesCarryTheirIsoMinorDigits() {
        assertThat(USD.minorDigits()).isEqualTo(2);
        assertThat(JPY.minorDigits()).isZero();
        assertThat(CurrencyCode.of("BHD").minorDigits()).isEqualTo(3);
    }

    @Test
    void refusesUnknownMalformedAndUnitlessCodes() {
        assertThatThrownBy(() -> CurrencyCode.of("usd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CurrencyCode.of("ZZZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CurrencyCode.of("XXX")).hasMessageContaining("no minor units");
        assertThatThrownBy(() -> CurrencyCode.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CurrencyCode("USD", 3)).hasMessageContaining("2 minor digits");
    }

    @Test
    void printsMajorUnitsExactly() {
        assertThat(Money.of(USD, 12345)).hasToString("USD 123.45");
        assertThat(Money.of(JPY, 500)).hasToString("JPY 500");
        assertThat(Money.of(USD, -5).toDecimal()).isEqualByComparingTo("-0.05");
    }

    @Test
    void comparesOnlyWithinACurrency() {
        assertThat(Money.of(USD, 5).compareTo(Money.of(USD, 7))).isNegative();
        assertThat(Money.of(USD, 8).isGreaterThan(Money.of(USD, 7))).isTrue();
        assertThatThrownBy(() -> Money.of(USD, 5).compareTo(Money.of(JPY, 5))).isInstanceOf(CurrencyMismatchException.class);
        assertThat(Money.of(USD, 5)).isNotEqualTo(Money.of(JPY, 5));
        assertThat(Money.of(USD, 5)).isEqualTo(Money.of(USD, 5)).hasSameHashCodeAs(Money.of(USD, 5));
    }

    @Test
    void signPredicates() {
        assertThat(Money.of(USD, -1).isNegative()).isTrue();
        assertThat(Money.zero(USD).isZero()).isTrue();
        assertThat(Money.of(USD, 1).isPositive()).isTrue();
    }

    @Property(tries = 500)
    void plusAndMinusAreInverse(@ForAll @LongRange(min = -1L << 61, max = 1L << 61) long a,
            @ForAll @LongRange(min = -1L << 61, max = 1L << 61) long b) {
        Money x = Money.of(USD, a);
        Money y = Money.of(USD, b);
        assertThat(x.plus(y).minus(y)).isEqualTo(x);
        assertThat(x.minus(y).plus(y)).isEqualTo(x);
        assertThat(x.plus(y)).isEqualTo(y.plus(x));
    }

    @Property(tries = 200)
    void mismatchIsAlwaysRefused(@ForAll long a, @ForAll long b) {
        assertThatThrownBy(() -> Money.of(USD, a).plus(Money.of(GBP, b))).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> Money.of(USD, a).minus(Money.of(JPY, b))).isInstanceOf(CurrencyMismatchException.class);
    }

    @Property(tries = 300)
    void overflowIsRefusedNeverWrapped(@ForAll long a, @ForAll long b) {
        BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
        if (exact.bitLength() < Long.SIZE) {
            assertThat(Money.of(USD, a).plus(Money.of(USD, b)).amountMinor()).isEqualTo(exact.longValueExact());
        } else {
            assertThatThrownBy(() -> Money.of(USD, a).plus(Money.of(USD, b))).isInstanceOf(ArithmeticException.class);
        }
    }

    @Test
    void overflowAtTheEdges() {
        assertThatThrownBy(() -> Money.of(USD, Long.MAX_VALUE).plus(Money.of(USD, 1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(USD, Long.MIN_VALUE).minus(Money.of(USD, 1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void exchangeRateConvertsExactlyWithTheCallersRounding() {
        ExchangeRate gbpUsd = new ExchangeRate(GBP, USD, new BigDecimal("1.2745"));
        Money pounds = Money.of(GBP, 1001); // 10.01 GBP = 12.757745 USD
        assertThat(gbpUsd.convert(pounds, RoundingMode.HALF_EVEN)).isEqualTo(Money.of(USD, 1276));
        assertThat(gbpUsd.convert(pounds, RoundingMode.DOWN)).isEqualTo(Money.of(USD, 1275));
        assertThatThrownBy(() -> gbpUsd.convert(pounds, RoundingMode.UNNECESSARY)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void exchangeRateHandlesDifferentMinorDigits() {
        ExchangeRate usdJpy = new ExchangeRate(USD, JPY, new BigDecimal("151.37"));
        assertThat(usdJpy.convert(Money.of(USD, 1000), RoundingMode.HALF_UP)).isEqualTo(Money.of(JPY, 1514));
    }

    @Test
    void exchangeRateRefusesBadInput() {
        ExchangeRate gbpUsd = new ExchangeRate(GBP, USD, new BigDecimal("1.2745"));
        assertThatThrownBy(() -> gbpUsd.convert(Money.of(USD, 1), RoundingMode.DOWN)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> new ExchangeRate(GBP, GBP, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExchangeRate(GBP, USD, BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExchangeRate(GBP, USD, new BigDecimal("1e-40").add(BigDecimal.ONE)))
                .hasMessageContaining("digits");
        ExchangeRate huge = new ExchangeRate(GBP, USD, new BigDecimal("1000"));
        assertThatThrownBy(() -> huge.convert(Money.of(GBP, Long.MAX_VALUE), RoundingMode.DOWN)).isInstanceOf(ArithmeticException.class);
    }
}
