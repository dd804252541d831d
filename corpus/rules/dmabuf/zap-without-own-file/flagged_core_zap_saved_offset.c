/*
 * The exporter saves each object's DRM fake offset when it makes the object, and evicts a
 * buffer's slot by zapping the device's address space at that saved offset. The dma-buf mmap
 * leaves vm_pgoff at the offset into the dma-buf, which never carries the fake offset, so
 * dma-buf mappings keep ptes to the slot after it is handed to another buffer.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_vma_manager.h>

struct core_device {
	void *mapping;
};

struct core_object {
	struct core_device *dev;
	struct drm_vma_offset_node vma_node;
	unsigned long long mmap_offset;
	unsigned long slot_pfn;
	unsigned long slot_pages;
};

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct core_object *obj = vmf->vma->vm_private_data;

	if (vmf->pgoff >= obj->slot_pages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_pfn(vmf->vma, vmf->address, obj->slot_pfn + vmf->pgoff);
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND | VM_PFNMAP);
	vma->vm_private_data = buf->priv;
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

int core_object_init(struct core_object *obj)
{
	obj->mmap_offset = drm_vma_node_offset_addr(&obj->vma_node);
	return 0;
}

void core_evict_slot(struct core_object *obj)
{
	unmap_mapping_range(obj->dev->mapping, obj->mmap_offset, obj->slot_pages << PAGE_SHIFT, 1); /* expect: dmabuf/zap-without-own-file error "zaps ptes at the DRM fake offset" */
	obj->slot_pfn = 0;
}

void core_export(struct dma_buf *buf, struct core_object *obj)
{
	buf->file->f_mapping = obj->dev->mapping;
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
