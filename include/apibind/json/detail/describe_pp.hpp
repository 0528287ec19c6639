// Preprocessor helpers of APIBIND_DESCRIBE_STRUCT (apibind/json/describe.hpp): a for-each over up to
// 52 arguments that separates the results with commas, without the per-element emptiness checks of
// Boost.Describe's own (the generator never passes an empty element), so a thousand described structs
// preprocess quickly. C++20 __VA_OPT__ makes an empty list count as 0.
#ifndef APIBIND_JSON_DETAIL_DESCRIBE_PP_HPP
#define APIBIND_JSON_DETAIL_DESCRIBE_PP_HPP

#define APIBIND_DETAIL_PP_CAT(a, b) APIBIND_DETAIL_PP_CAT_I(a, b)
#define APIBIND_DETAIL_PP_CAT_I(a, b) a##b

// The number of arguments, 0 to 52.
#define APIBIND_DETAIL_PP_COUNT(...) \
    APIBIND_DETAIL_PP_COUNT_I(__VA_ARGS__ __VA_OPT__(, ) 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, )
#define APIBIND_DETAIL_PP_COUNT_I(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20, _21, _22, _23, _24, _25, _26, _27, _28, _29, _30, _31, _32, _33, _34, _35, _36, _37, _38, _39, _40, _41, _42, _43, _44, _45, _46, _47, _48, _49, _50, _51, _52, n, ...) n

// F(C, x1), F(C, x2), ...
#define APIBIND_DETAIL_PP_COMMA_EACH(F, C, ...) \
    APIBIND_DETAIL_PP_CAT(APIBIND_DETAIL_PP_EACH_, APIBIND_DETAIL_PP_COUNT(__VA_ARGS__))(F, C __VA_OPT__(, ) __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_0(F, C)
#define APIBIND_DETAIL_PP_EACH_1(F, C, x) F(C, x)
#define APIBIND_DETAIL_PP_EACH_2(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_1(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_3(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_2(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_4(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_3(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_5(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_4(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_6(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_5(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_7(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_6(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_8(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_7(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_9(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_8(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_10(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_9(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_11(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_10(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_12(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_11(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_13(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_12(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_14(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_13(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_15(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_14(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_16(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_15(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_17(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_16(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_18(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_17(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_19(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_18(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_20(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_19(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_21(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_20(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_22(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_21(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_23(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_22(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_24(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_23(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_25(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_24(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_26(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_25(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_27(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_26(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_28(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_27(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_29(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_28(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_30(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_29(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_31(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_30(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_32(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_31(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_33(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_32(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_34(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_33(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_35(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_34(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_36(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_35(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_37(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_36(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_38(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_37(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_39(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_38(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_40(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_39(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_41(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_40(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_42(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_41(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_43(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_42(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_44(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_43(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_45(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_44(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_46(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_45(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_47(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_46(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_48(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_47(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_49(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_48(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_50(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_49(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_51(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_50(F, C, __VA_ARGS__)
#define APIBIND_DETAIL_PP_EACH_52(F, C, x, ...) F(C, x), APIBIND_DETAIL_PP_EACH_51(F, C, __VA_ARGS__)

#endif
