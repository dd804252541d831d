/* Stub for corpus fixtures: cache maintenance of a vmapped range. */
#ifndef _CORPUS_LINUX_HIGHMEM_H
#define _CORPUS_LINUX_HIGHMEM_H

void flush_kernel_vmap_range(void *vaddr, int size);
void invalidate_kernel_vmap_range(void *vaddr, int size);

#endif
