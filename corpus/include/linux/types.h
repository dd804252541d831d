/* Stub for corpus fixtures: the kernel types they use. Types only, no objects. */
#ifndef _CORPUS_LINUX_TYPES_H
#define _CORPUS_LINUX_TYPES_H

typedef unsigned long size_t;
typedef unsigned long pgoff_t;
typedef unsigned long long dma_addr_t;
typedef unsigned int vm_fault_t;
typedef unsigned long vm_flags_t;
typedef struct { unsigned long pgprot; } pgprot_t;

struct device;
struct page;
struct file { void *f_mapping; };
struct kref { int refcount; };
struct sg_table { void *sgl; unsigned int nents; unsigned int orig_nents; };

#define NULL ((void *)0)
#define true 1
#define false 0
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define EINVAL 22
#define ENODEV 19
#define ENOMEM 12
#define ENOTTY 25
#define ERR_PTR(err) ((void *)(long)(err))
#define MAX_SCHEDULE_TIMEOUT 0x7fffffffL
#define __init
#define module_init(fn)

int pr_err(const char *fmt, ...);
int pr_debug(const char *fmt, ...);
void kref_get(struct kref *ref);

#endif
