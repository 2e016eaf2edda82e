/* numbering.h - sequence numbers in every printed form: "1", "(1)", "1.",
 * "1、", "01", "一、", "(一)", "①", "9*", "第二十六项".
 *
 * Works on keys (textkey.h: full-width forms already folded). Nothing is
 * allocated: the number is returned as a span of the input.
 */
#ifndef BL_NUMBERING_H
#define BL_NUMBERING_H

#include <stdbool.h>
#include <stddef.h>

typedef enum bl_num_kind {
    BL_NUM_NONE = 0,
    BL_NUM_ARABIC,  /* 1 (1) 1. 1、 01 9* */
    BL_NUM_CHINESE, /* 一、 (一) 第二十六项 */
    BL_NUM_CIRCLED  /* ① */
} bl_num_kind;

typedef struct bl_number {
    bl_num_kind kind;
    int value;          /* 1-based; 0 when unknown */
    const char *digits; /* the number itself within the input ("22") */
    size_t digits_len;
    size_t len;         /* bytes of the whole marker, brackets and 、 */
} bl_number;

/* A cell that is a number and nothing else ("12", "(3)", "一", "①",
 * "9*", "第二十六项"). */
bool bl_number_cell(const char *key, bl_number *out);

/* A marker opening a text ("(1)新建…", "1、新建…", "一、继续…", "①…");
 * a bare "1" followed by text is not one (it is a figure). */
bool bl_number_prefix(const char *key, bl_number *out);

/* The value of a Chinese numeral ("二十六" -> 26) of len bytes; 0 if none. */
int bl_chinese_numeral(const char *s, size_t len);

#endif
