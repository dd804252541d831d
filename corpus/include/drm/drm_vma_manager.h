/* Stub for corpus fixtures: a GEM object's fake mmap offset. */
#ifndef _CORPUS_DRM_VMA_MANAGER_H
#define _CORPUS_DRM_VMA_MANAGER_H

struct drm_vma_offset_node {
	unsigned long start;
	unsigned long size;
};

unsigned long drm_vma_node_start(const struct drm_vma_offset_node *node);
unsigned long long drm_vma_node_offset_addr(struct drm_vma_offset_node *node);
void drm_vma_node_unmap(struct drm_vma_offset_node *node, void *file_mapping);

#endif
