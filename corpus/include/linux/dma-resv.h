/* Stub for corpus fixtures: waiting on a reservation object's fences. */
#ifndef _CORPUS_LINUX_DMA_RESV_H
#define _CORPUS_LINUX_DMA_RESV_H

#include <linux/types.h>

struct dma_resv;

enum dma_resv_usage {
	DMA_RESV_USAGE_KERNEL,
	DMA_RESV_USAGE_WRITE,
	DMA_RESV_USAGE_READ,
	DMA_RESV_USAGE_BOOKKEEP,
};

long dma_resv_wait_timeout(struct dma_resv *obj, enum dma_resv_usage usage, int intr,
			   unsigned long timeout);

#endif
